/**
 * The transport alone: a language server that answers a didOpen with an empty diagnostics
 * list as soon as the message's last byte has arrived, without decoding the message (only
 * its first bytes are read, for the document's URI). What it takes is the client serializing
 * the text and the transfer: a floor under any server, however it reads its messages. Small
 * messages (initialize, shutdown, exit) are parsed and answered as usual.
 */

/** A didOpen is recognized in its first bytes; the URI comes before the text in the message. */
const HEAD_LENGTH = 4096;

let buffered = Buffer.alloc(0);
let bodyLength = -1;
/** Bytes of a large body still to come, with what was read of its start. */
let pending: { remaining: number; head: string } | undefined;

function send(message: object): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function handle(message: { id?: number; method?: string; params?: { textDocument?: { uri: string; version: number } } }): void {
  if (message.method === 'initialize') send({ id: message.id, result: { capabilities: { textDocumentSync: 2 } } });
  else if (message.method === 'shutdown') send({ id: message.id, result: null });
  else if (message.method === 'exit') process.exit(0);
  else if (message.method === 'textDocument/didOpen' && message.params?.textDocument)
    answerOpen(message.params.textDocument.uri, message.params.textDocument.version);
  else if (message.id !== undefined && message.method) send({ id: message.id, result: null });
}

function answerOpen(uri: string, version: number): void {
  send({ method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: [] } });
}

/** Answers a large didOpen from the start of its body, read as text. */
function answerLargeOpen(head: string): void {
  const uri = /"uri"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(head)?.[1];
  const version = /"version"\s*:\s*(\d+)/.exec(head)?.[1];
  if (head.includes('"textDocument/didOpen"') && uri !== undefined && version !== undefined) answerOpen(JSON.parse(`"${uri}"`) as string, Number(version));
}

process.stdin.on('data', (chunk: Buffer) => {
  if (pending) {
    const used = Math.min(chunk.length, pending.remaining);
    pending.remaining -= used;
    chunk = chunk.subarray(used);
    if (pending.remaining > 0) return;
    answerLargeOpen(pending.head);
    pending = undefined;
  }
  buffered = Buffer.concat([buffered, chunk]);
  for (;;) {
    if (bodyLength < 0) {
      const headerEnd = buffered.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      bodyLength = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, headerEnd).toString('latin1'))?.[1] ?? 0);
      buffered = buffered.subarray(headerEnd + 4);
    }
    if (bodyLength > HEAD_LENGTH && buffered.length < bodyLength) {
      // A large message: keep only its start and count the rest of its bytes as they come.
      if (buffered.length < HEAD_LENGTH) return;
      pending = { remaining: bodyLength - buffered.length, head: buffered.subarray(0, HEAD_LENGTH).toString('utf8') };
      buffered = Buffer.alloc(0);
      bodyLength = -1;
      return;
    }
    if (buffered.length < bodyLength) return;
    const body = buffered.subarray(0, bodyLength);
    buffered = buffered.subarray(bodyLength);
    bodyLength = -1;
    if (body.length > HEAD_LENGTH) answerLargeOpen(body.subarray(0, HEAD_LENGTH).toString('utf8'));
    else handle(JSON.parse(body.toString('utf8')) as Parameters<typeof handle>[0]);
  }
});
