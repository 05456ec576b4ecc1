using Samverkan.Notifications;
using Samverkan.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("samverkan-notifications");
builder.AddNotifications();

var app = builder.Build();
app.MapServiceDefaults();
app.MapNotifications();
app.Run();

/// <summary>The notifications service's host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
