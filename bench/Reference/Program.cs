// Usage: Reference <file> — answers every GET with the file's bytes as text/html (see bench/README.md).
var body = await File.ReadAllBytesAsync(args[0]);
var app = WebApplication.CreateSlimBuilder(args[1..]).Build();
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
