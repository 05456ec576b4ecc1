using Samverkan.ServiceDefaults;
using Samverkan.Upphandling;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("samverkan-upphandling");
builder.AddUpphandling();

var app = builder.Build();
app.MapServiceDefaults();
app.MapUpphandling();
app.Run();

/// <summary>The upphandling service's host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
