// A stand-in for the OpenAI Responses API on 127.0.0.1, so `codex exec` runs a real agent loop without an account.
// The first request of a turn gets a function_call to exec_command with the configured command; a request whose
// input already carries a function_call_output gets an assistant message. Every request body is kept for the tests
// (hook additionalContext and Stop-hook prompts show up there).
// A script (AddScript) drives longer conversations: when the last user message of a request contains the script's
// marker, the model asks for the script's calls one after the other (the next one once the previous call's output is
// in the input), then answers with a message. Subagents and later turns are told apart by their own markers.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace CodexPluginsTests
{
    public sealed class MockResponsesServer : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> requests = new ConcurrentQueue<string>();
        private readonly Task loop;
        private readonly ConcurrentDictionary<string, JsonObject[]> scripts = new ConcurrentDictionary<string, JsonObject[]>(StringComparer.Ordinal);

        public MockResponsesServer(string command)
        {
            Command = command;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
            listener.Start();
            loop = Task.Run(Serve);
        }

        public int Port { get; }

        /// <summary>The shell command the model asks codex to run; may change between runs.</summary>
        public string Command { get; set; }

        public string BaseUrl => "http://127.0.0.1:" + Port + "/v1";

        public string[] Requests => requests.ToArray();

        /// <summary>
        /// Calls asked for, in order, in a conversation whose last user message contains <paramref name="marker"/>.
        /// Each call is a JSON object with <c>name</c>, <c>arguments</c> (an object, sent as a JSON string) and, for a
        /// tool in a namespace (an MCP server's, the subagent tools), <c>namespace</c>. <c>{{agent_id}}</c> in the
        /// arguments stands for the id of the last subagent spawned in the conversation (for wait_agent).
        /// </summary>
        public void AddScript(string marker, string[] callsJson)
        {
            var calls = new JsonObject[callsJson.Length];
            for (int i = 0; i < callsJson.Length; i++)
            {
                calls[i] = (JsonObject)JsonNode.Parse(callsJson[i]);
            }

            scripts[marker] = calls;
        }

        public void Reset()
        {
            while (requests.TryDequeue(out _)) { }
        }

        private async Task Serve()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }

                _ = Task.Run(() => Answer(context));
            }
        }

        private void Answer(HttpListenerContext context)
        {
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = reader.ReadToEnd();
                }

                if (context.Request.HttpMethod != "POST" || !context.Request.Url.AbsolutePath.EndsWith("/responses", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                    return;
                }

                requests.Enqueue(body);
                bool answered = false;
                string lastUserText = null;
                string lastAgentId = null;
                int outputsSinceUser = 0;
                JsonNode request = JsonNode.Parse(body);
                if (request?["input"] is JsonArray input)
                {
                    foreach (JsonNode item in input)
                    {
                        string type = item?["type"]?.GetValue<string>();
                        if (type == "function_call_output" || type == "custom_tool_call_output")
                        {
                            answered = true;
                            outputsSinceUser++;
                            if (item["output"] is JsonValue output && output.TryGetValue(out string outputText) && outputText.Contains("\"agent_id\"", StringComparison.Ordinal))
                            {
                                try { lastAgentId = JsonNode.Parse(outputText)?["agent_id"]?.GetValue<string>(); } catch (JsonException) { }
                            }
                        }
                        else if (type == "message" && item["role"]?.GetValue<string>() == "user")
                        {
                            string text = UserText(item);
                            if (!text.StartsWith("<", StringComparison.Ordinal))
                            {
                                lastUserText = text;
                                outputsSinceUser = 0;
                            }
                        }
                    }
                }

                string id = "resp_" + Guid.NewGuid().ToString("N").Substring(0, 12);
                JsonObject scripted = null;
                bool scriptDone = false;
                if (lastUserText != null)
                {
                    foreach (var pair in scripts)
                    {
                        if (lastUserText.Contains(pair.Key, StringComparison.Ordinal))
                        {
                            if (outputsSinceUser < pair.Value.Length)
                            {
                                JsonObject call = pair.Value[outputsSinceUser];
                                scripted = new JsonObject
                                {
                                    ["type"] = "function_call", ["id"] = "fc_" + id, ["call_id"] = "call_" + pair.Key + "_" + outputsSinceUser,
                                    ["name"] = call["name"]?.GetValue<string>(),
                                    ["arguments"] = (call["arguments"]?.ToJsonString() ?? "{}").Replace("{{agent_id}}", lastAgentId ?? string.Empty, StringComparison.Ordinal),
                                };
                                if (call["namespace"] is JsonValue ns)
                                {
                                    scripted["namespace"] = ns.GetValue<string>();
                                }
                            }
                            else
                            {
                                scriptDone = true;
                            }

                            break;
                        }
                    }
                }

                if (scriptDone)
                {
                    answered = true;
                }

                JsonObject item2 = scripted ?? (answered
                    ? new JsonObject
                    {
                        ["type"] = "message", ["role"] = "assistant", ["id"] = "msg_" + id,
                        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "done" }),
                    }
                    : new JsonObject
                    {
                        ["type"] = "function_call", ["id"] = "fc_" + id, ["call_id"] = "call_1", ["name"] = "exec_command",
                        ["arguments"] = new JsonObject { ["cmd"] = Command }.ToJsonString(),
                    });
                var sse = new StringBuilder();
                void Event(string type, JsonObject data)
                {
                    data["type"] = type;
                    sse.Append("event: ").Append(type).Append('\n').Append("data: ").Append(data.ToJsonString()).Append("\n\n");
                }

                Event("response.created", new JsonObject { ["response"] = new JsonObject { ["id"] = id } });
                Event("response.output_item.done", new JsonObject { ["item"] = item2 });
                Event("response.completed", new JsonObject
                {
                    ["response"] = new JsonObject
                    {
                        ["id"] = id,
                        ["usage"] = new JsonObject { ["input_tokens"] = 1, ["input_tokens_details"] = null, ["output_tokens"] = 1, ["output_tokens_details"] = null, ["total_tokens"] = 2 },
                    },
                });
                byte[] bytes = Encoding.UTF8.GetBytes(sse.ToString());
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/event-stream";
                context.Response.ContentLength64 = bytes.Length;
                context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                context.Response.Close();
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch (Exception) { }
            }
        }

        private static string UserText(JsonNode message)
        {
            var text = new StringBuilder();
            if (message["content"] is JsonArray content)
            {
                foreach (JsonNode part in content)
                {
                    if (part?["text"] is JsonValue value && value.TryGetValue(out string s))
                    {
                        text.Append(s);
                    }
                }
            }
            else if (message["content"] is JsonValue plain && plain.TryGetValue(out string s))
            {
                text.Append(s);
            }

            return text.ToString();
        }

        public void Dispose()
        {
            stop.Cancel();
            try { listener.Stop(); } catch (Exception) { }
            listener.Close();
        }
    }
}
