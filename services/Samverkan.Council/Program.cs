using Samverkan.Council;
using Samverkan.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("samverkan-council");
builder.AddCouncil();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCouncil();
app.Run();

/// <summary>The council service's host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
