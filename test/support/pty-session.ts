// Runs a terminal program under a pseudo-terminal (Python's pty module: no native Node addon
// needed), types the given lines one by one, and returns everything it printed. This drives
// redis-cli's real interactive mode (prompt, hints, line editing), which a plain pipe does not.

import { runProcess } from './run-process.js';

const DRIVER = `
import os, pty, sys, time, select, json, fcntl, termios, struct
argv = json.loads(sys.argv[1]); lines = json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    # A window size, so that line editing does not ask the terminal where its cursor is.
    fcntl.ioctl(sys.stdin.fileno(), termios.TIOCSWINSZ, struct.pack('HHHH', 24, 200, 0, 0))
    os.environ['TERM'] = 'xterm'
    os.execvp(argv[0], argv)
out = b''
def pump(t):
    global out
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out += data
    return True
pump(1.0)
for line in lines:
    os.write(fd, (line + '\\r').encode('latin1'))
    if not pump(0.4):
        break
try:
    os.kill(pid, 9)
except OSError:
    pass
sys.stdout.write(out.decode('latin1'))
`;

export async function runInPty(argv: string[], lines: string[]): Promise<string> {
  const r = await runProcess('python3', ['-c', DRIVER, JSON.stringify(argv), JSON.stringify(lines)], undefined, 30_000);
  if (r.code !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return r.stdout;
}
