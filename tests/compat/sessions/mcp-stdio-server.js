// A small MCP server over stdio (newline-delimited JSON-RPC) for the session compat tests: `lookup` answers at
// once, `fail` answers with isError, `slow` answers after SLOW_MS (longer than the tool timeout the test sets).
'use strict';
const readline = require('readline');
const slowMs = Number(process.env.SLOW_MS || 5000);
const tools = [
  { name: 'lookup', description: 'Looks a word up.', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
  { name: 'fail', description: 'Always fails.', inputSchema: { type: 'object', properties: {} } },
  { name: 'slow', description: 'Answers late.', inputSchema: { type: 'object', properties: {} } },
];
function send(message) { process.stdout.write(JSON.stringify(message) + '\n'); }
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let request;
  try { request = JSON.parse(line); } catch { return; }
  if (request.id === undefined) { return; }
  switch (request.method) {
    case 'initialize':
      send({ jsonrpc: '2.0', id: request.id, result: { protocolVersion: request.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'session-compat', version: '1.0.0' } } });
      break;
    case 'tools/list':
      send({ jsonrpc: '2.0', id: request.id, result: { tools } });
      break;
    case 'tools/call': {
      const name = request.params.name;
      const answer = () => send({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: name === 'fail' ? 'lookup failed' : 'found ' + JSON.stringify(request.params.arguments || {}) }], isError: name === 'fail' } });
      if (name === 'slow') { setTimeout(answer, slowMs); } else { answer(); }
      break;
    }
    default:
      send({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'method not found' } });
  }
});
