using VideoPipeline.Emulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmulator();

var app = builder.Build();
app.MapEmulator();
app.Run();
