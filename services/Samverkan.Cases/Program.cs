using Samverkan.Cases;
using Samverkan.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("samverkan-cases");
builder.AddCases();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCases();
app.Run();

/// <summary>The cases service's host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
