// A stand-in for an npm registry on 127.0.0.1, so npm pack (run by codex plugin add and by Install-CodexPlugin)
// fetches real packages without the internet: for each package name it serves the packument npm asks for
// (GET /NAME or /@scope%2fname: dist-tags and every version with its tarball URL, sha512 integrity and sha1 shasum)
// and the tarballs themselves. Every request path is kept for the tests.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace CodexPluginsTests
{
    public sealed class MockNpmRegistry : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> packages = new ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> requests = new ConcurrentQueue<string>();
        private readonly Task loop;

        public MockNpmRegistry()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = "http://127.0.0.1:" + Port + "/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(Serve);
        }

        public int Port { get; }

        /// <summary>The registry's URL, as npm_config_registry takes it.</summary>
        public string Url { get; }

        public string[] Requests => requests.ToArray();

        /// <summary>Serves the tarball as version VERSION of package NAME (the newest added is dist-tags.latest).</summary>
        public void Add(string name, string version, string tarballPath)
        {
            packages.GetOrAdd(name, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal))[version] = File.ReadAllBytes(tarballPath);
            latest[name] = version;
        }

        private readonly ConcurrentDictionary<string, string> latest = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private async Task Serve()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(() => Answer(context));
            }
        }

        private void Answer(HttpListenerContext context)
        {
            string path = Uri.UnescapeDataString(context.Request.Url.AbsolutePath);
            requests.Enqueue(path);
            byte[] body;
            string type;
            int tarballAt = path.IndexOf("/-/", StringComparison.Ordinal);
            if (tarballAt > 0 && Find(path.Substring(1, tarballAt - 1), Path.GetFileNameWithoutExtension(path).Split(new[] { "--v" }, StringSplitOptions.None).Last()) is byte[] tarball)
            {
                body = tarball;
                type = "application/octet-stream";
            }
            else if (tarballAt < 0 && packages.TryGetValue(path.TrimStart('/'), out var versions))
            {
                body = Encoding.UTF8.GetBytes(Packument(path.TrimStart('/'), versions).ToJsonString());
                type = "application/json";
            }
            else
            {
                context.Response.StatusCode = 404;
                body = Encoding.UTF8.GetBytes("{\"error\":\"Not found\"}");
                type = "application/json";
            }

            context.Response.ContentType = type;
            context.Response.ContentLength64 = body.Length;
            context.Response.OutputStream.Write(body, 0, body.Length);
            context.Response.Close();
        }

        private byte[] Find(string name, string version) =>
            packages.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var bytes) ? bytes : null;

        private JsonObject Packument(string name, ConcurrentDictionary<string, byte[]> versions)
        {
            var all = new JsonObject();
            foreach (var pair in versions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                all[pair.Key] = new JsonObject
                {
                    ["name"] = name,
                    ["version"] = pair.Key,
                    ["dist"] = new JsonObject
                    {
                        // The version rides in the file name after "--v", so a scoped name needs no parsing back.
                        ["tarball"] = Url + name + "/-/package--v" + pair.Key + ".tgz",
                        ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(pair.Value)),
                        ["shasum"] = Convert.ToHexString(SHA1.HashData(pair.Value)).ToLowerInvariant(),
                    },
                };
            }

            return new JsonObject
            {
                ["name"] = name,
                ["dist-tags"] = new JsonObject { ["latest"] = latest[name] },
                ["versions"] = all,
            };
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }
}
