using Samverkan.FollowUp;
using Samverkan.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("samverkan-followup");
builder.AddFollowUp();

var app = builder.Build();
app.MapServiceDefaults();
app.MapFollowUp();
app.Run();

/// <summary>The follow-up service's host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
