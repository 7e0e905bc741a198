using VideoPipeline.Local.Api;
using VideoPipeline.Local.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalVideoPipeline();

var app = builder.Build();
app.MapVideoPipelineApi();
app.Run();
