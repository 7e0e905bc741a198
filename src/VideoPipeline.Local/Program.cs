var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/health", () => Results.Ok());
app.Run();
