using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddFangkongPlatform();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.UseFangkongPlatform();
app.MapFangkong();
app.Run();

public partial class Program;
