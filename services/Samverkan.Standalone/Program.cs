using Samverkan.Cases;
using Samverkan.Council;
using Samverkan.FollowUp;
using Samverkan.Notifications;
using Samverkan.ServiceDefaults;
using Samverkan.Standalone.DemoData;
using Samverkan.Upphandling;

// Settings travel with the build output; ./data is wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("samverkan-standalone");
builder.AddCases();
builder.AddCouncil();
builder.AddUpphandling();
builder.AddFollowUp();
builder.AddNotifications();
builder.AddDemoData();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCases();
app.MapCouncil();
app.MapUpphandling();
app.MapFollowUp();
app.MapNotifications();
app.Run();

/// <summary>The standalone host; public so benchmarks can start its composition in-process with WebApplicationFactory.</summary>
public partial class Program;
