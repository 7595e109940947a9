"""Drives the mlc-csharp kernel with Debian's jupyter_client (a client no one here wrote) and reports each check.

Usage: python3 kernel_checks.py RESULTS.json WORKDIR
The kernelspec must be findable (JUPYTER_PATH). Every check appends {"name", "ok", "detail"} to the results; the
xunit test KernelWithJupyterClientTests asserts them one by one. Checks run in order on one kernel (then a restart),
so a failure early on may explain later ones.
"""
import json
import os
import signal
import socket
import struct
import sys
import time
import traceback
import uuid
import zlib

from jupyter_client import KernelManager

RESULTS_PATH, WORKDIR = sys.argv[1], sys.argv[2]
os.makedirs(WORKDIR, exist_ok=True)
LOG_PATH = os.path.join(WORKDIR, "kernel.log")
results = []


def check(name):
    def wrap(fn):
        start = time.time()
        try:
            detail = fn()
            results.append({"name": name, "ok": True, "detail": f"{detail or ''} ({time.time() - start:.1f} s)"})
        except Exception as e:  # noqa: BLE001 - every failure becomes a reported result
            results.append({"name": name, "ok": False, "detail": f"{type(e).__name__}: {e}\n{traceback.format_exc()}"})
        save()
        return fn
    return wrap


def save():
    with open(RESULTS_PATH, "w") as f:
        json.dump(results, f, indent=1)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def run(kc, code, timeout=60, **kwargs):
    """Executes code; returns (reply content, [(msg_type, content)] of the IOPub messages of this request)."""
    msg_id = kc.execute(code, **kwargs)
    return collect(kc, msg_id, timeout)


def collect(kc, msg_id, timeout=60):
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append((msg["msg_type"], msg["content"]))
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], outputs


def shell_reply(msg_id, timeout=60):
    """The reply to msg_id; skips replies to other requests (wait_for_ready may leave extra kernel_info replies)."""
    deadline = time.time() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def of_type(outputs, msg_type):
    return [c for t, c in outputs if t == msg_type]


def read_log():
    with open(LOG_PATH) as f:
        return f.read()


km = KernelManager(kernel_name="mlc-csharp")
log_file = open(LOG_PATH, "w")
state = {}


@check("start")
def _():
    km.start_kernel(cwd=WORKDIR, stderr=log_file, env={**os.environ, "MLC_KERNEL_STOP_GRACE_SECONDS": "1"})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=90)
    state["kc"] = kc
    state["pid"] = km.provisioner.pid
    return f"pid {state['pid']}, {km.kernel_spec.display_name}"


kc = state.get("kc")


@check("kernel_info")
def _():
    reply = shell_reply(kc.kernel_info())
    content = reply["content"]
    expect(content["status"] == "ok", content)
    expect(content["protocol_version"] == "5.3", content["protocol_version"])
    expect(content["language_info"]["name"] == "csharp", content["language_info"])
    expect(content["language_info"]["file_extension"] == ".cs", content["language_info"])
    expect(reply["header"]["version"] == "5.3", reply["header"])
    return content["implementation"]


@check("state_across_cells")
def _():
    first, outputs = run(kc, "var x = 20 + 1;")
    expect(first["status"] == "ok", first)
    expect(of_type(outputs, "execute_input")[0]["code"] == "var x = 20 + 1;", outputs)
    expect([c["execution_state"] for c in of_type(outputs, "status")] == ["busy", "idle"], outputs)
    second, outputs = run(kc, "x * 2")
    expect(second["status"] == "ok", second)
    expect(second["execution_count"] == first["execution_count"] + 1, (first, second))
    result = of_type(outputs, "execute_result")
    expect(len(result) == 1 and result[0]["data"]["text/plain"] == "42", outputs)
    expect(result[0]["execution_count"] == second["execution_count"], result)
    return f"execution counts {first['execution_count']}, {second['execution_count']}"


@check("stream_output")
def _():
    reply, outputs = run(kc, 'Console.WriteLine("hello"); Console.Write("a"); Console.Write("b\\n"); Console.Error.WriteLine("oops");')
    expect(reply["status"] == "ok", reply)
    streams = of_type(outputs, "stream")
    stdout = "".join(s["text"] for s in streams if s["name"] == "stdout")
    stderr = "".join(s["text"] for s in streams if s["name"] == "stderr")
    expect(stdout == "hello\nab\n", repr(stdout))
    expect(stderr == "oops\n", repr(stderr))
    return f"{len(streams)} stream message(s)"


@check("display_data_html_and_plotly")
def _():
    code = "\n".join([
        "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"",
        "display(new HtmlContent(\"<b>bold</b>\"));",
        "var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2, 3 }, new[] { 1.0, 4, 9 }, Name: \"squares\");",
        "display(chart);",
        "new[] { 1, 2, 3 }",
    ])
    reply, outputs = run(kc, code)
    expect(reply["status"] == "ok", reply)
    displays = of_type(outputs, "display_data")
    expect(len(displays) == 2, [list(d["data"]) for d in displays])
    expect(displays[0]["data"]["text/html"] == "<b>bold</b>", displays[0])
    figure = displays[1]["data"]["application/vnd.plotly.v1+json"]
    expect(isinstance(figure, dict) and figure["data"][0]["y"] == [1.0, 4.0, 9.0], figure)
    expect("text/html" in displays[1]["data"] and "text/plain" in displays[1]["data"], list(displays[1]["data"]))
    result = of_type(outputs, "execute_result")
    expect(result and result[0]["data"]["text/plain"] == "[1, 2, 3]", result)
    return ", ".join(displays[1]["data"])


@check("error_cell_keeps_kernel_alive")
def _():
    reply, outputs = run(kc, 'throw new InvalidOperationException("boom");')
    expect(reply["status"] == "error" and reply["ename"] == "InvalidOperationException", reply)
    errors = of_type(outputs, "error")
    expect(len(errors) == 1 and "boom" in errors[0]["evalue"] and errors[0]["traceback"], errors)
    reply, outputs = run(kc, "int y = \"not a number\";")
    expect(reply["status"] == "error" and reply["ename"] == "CompilationError", reply)
    expect(any("CS0029" in line for line in reply["traceback"]), reply["traceback"])
    reply, outputs = run(kc, "x")
    expect(reply["status"] == "ok" and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "21", outputs)
    return "exception and compile error reported; x still 21"


@check("stop_on_error_aborts_queued_cells")
def _():
    failing = kc.execute('System.Threading.Thread.Sleep(300); throw new Exception("first");')
    queued = kc.execute('var neverRun = 1; Console.WriteLine("SHOULD-NOT-RUN");')
    first, _ = collect(kc, failing)
    second, outputs = collect(kc, queued)
    expect(first["status"] == "error", first)
    expect(second["status"] == "aborted", second)
    expect(not of_type(outputs, "stream"), outputs)
    return "second cell aborted"


@check("is_complete")
def _():
    answers = {}
    for code in ["for (int i = 0; i < 3; i++) {", "var z = 1;", "x +", "int 5x = 3;"]:
        answers[code] = shell_reply(kc.is_complete(code))["content"]
    expect(answers["for (int i = 0; i < 3; i++) {"] == {"status": "incomplete", "indent": "    "}, answers)
    expect(answers["var z = 1;"]["status"] == "complete", answers)
    expect(answers["x +"]["status"] == "incomplete", answers)
    expect(answers["int 5x = 3;"]["status"] == "invalid", answers)
    return "incomplete / complete / invalid"


@check("complete_request")
def _():
    content = shell_reply(kc.complete("Console.Wri", 11))["content"]
    expect(content["status"] == "ok" and "WriteLine" in content["matches"], content)
    expect(content["cursor_start"] == 8 and content["cursor_end"] == 11, content)
    content = shell_reply(kc.complete("x.Compa", 7))["content"]
    expect("CompareTo" in content["matches"], content["matches"])
    # cursor positions count code points: the emoji is one (two UTF-16 units in .NET)
    content = shell_reply(kc.complete("var s = \"\U0001F600\"; cha", 16))["content"]
    expect("char" in content["matches"] and content["cursor_start"] == 13 and content["cursor_end"] == 16, content)
    return "members of a cell variable and of a type; code-point cursors"


@check("inspect_request")
def _():
    content = shell_reply(kc.inspect("x", 1))["content"]
    expect(content["found"] and "int x" in content["data"]["text/plain"] and "21" in content["data"]["text/plain"], content)
    content = shell_reply(kc.inspect("Console.WriteLine(", 18))["content"]
    expect(content["found"] and "WriteLine" in content["data"]["text/plain"], content)
    return content["data"]["text/plain"].splitlines()[0]


@check("stdin_input_request")
def _():
    msg_id = kc.execute('var name = Console.ReadLine(); Console.WriteLine("hi " + name);', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=60)
    expect(request["header"]["msg_type"] == "input_request", request)
    expect(request["parent_header"]["msg_id"] == msg_id, request)
    kc.input("Ada")
    reply, outputs = collect(kc, msg_id)
    expect(reply["status"] == "ok", reply)
    expect("".join(s["text"] for s in of_type(outputs, "stream")) == "hi Ada\n", outputs)
    reply, _ = run(kc, "Console.ReadLine()", allow_stdin=False)
    expect(reply["status"] == "error" and "allow_stdin" in reply["evalue"], reply)
    return "input_request answered; allow_stdin=false refused"


def interrupt_loop(send_interrupt, code="while (true) { }"):
    msg_id = kc.execute(code)
    deadline = time.time() + 60
    while True:  # wait until the cell runs
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    time.sleep(1.0)
    started = time.time()
    send_interrupt()
    reply, outputs = collect(kc, msg_id, timeout=30)
    return reply, outputs, time.time() - started


@check("interrupt_infinite_loop_message_mode")
def _():
    reply, outputs, seconds = interrupt_loop(km.interrupt_kernel)
    expect(reply["status"] == "error" and reply["ename"] == "Interrupted", reply)
    expect(seconds < 10, f"took {seconds:.1f} s")
    reply, outputs = run(kc, "x")
    expect(reply["status"] == "ok" and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "21", outputs)
    return f"stopped after {seconds:.2f} s; state kept"


@check("interrupt_infinite_loop_sigint")
def _():
    reply, outputs, seconds = interrupt_loop(lambda: km.signal_kernel(signal.SIGINT), code="long n = 0; while (true) n++;")
    expect(reply["status"] == "error" and reply["ename"] == "Interrupted", reply)
    expect(km.is_alive(), "kernel died of SIGINT")
    reply, _ = run(kc, "x + 1")
    expect(reply["status"] == "ok", reply)
    return f"stopped after {seconds:.2f} s"


@check("bad_signature_is_rejected_not_executed")
def _():
    import zmq
    marker = os.path.join(WORKDIR, "pwned.txt")
    ctx = zmq.Context.instance()
    dealer = ctx.socket(zmq.DEALER)
    dealer.linger = 0
    dealer.connect(f"tcp://{km.ip}:{km.shell_port}")
    header = {"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "attacker",
              "date": "2026-01-01T00:00:00.000000Z", "msg_type": "execute_request", "version": "5.3"}
    content = {"code": f'System.IO.File.WriteAllText(@"{marker}", "x"); var pwned = 1;', "silent": False,
               "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    frames = [json.dumps(part).encode() for part in (header, {}, {}, content)]
    dealer.send_multipart([b"<IDS|MSG>", b"0" * 64] + frames)                       # wrong signature
    dealer.send_multipart([b"<IDS|MSG>", b""] + frames)                              # unsigned
    dealer.send_multipart([b"<IDS|MSG>", b"not hex at all"] + frames)               # garbage signature
    dealer.send_multipart([b"no delimiter", b"{}"])                                  # malformed
    # a correctly signed message, sent twice: the copy is a replay
    signed = km.session.msg("kernel_info_request", {})
    wire = km.session.serialize(signed)
    dealer.send_multipart(wire)
    dealer.send_multipart(wire)
    replies = []
    poller = zmq.Poller()
    poller.register(dealer, zmq.POLLIN)
    deadline = time.time() + 3
    while time.time() < deadline:
        if poller.poll(200):
            replies.append(km.session.deserialize(km.session.feed_identities(dealer.recv_multipart())[1]))
    dealer.close()
    expect(len(replies) == 1 and replies[0]["msg_type"] == "kernel_info_reply", [r["msg_type"] for r in replies])
    expect(not os.path.exists(marker), "the wrongly signed cell ran")
    reply, _ = run(kc, "pwned")
    expect(reply["status"] == "error" and reply["ename"] == "CompilationError", reply)
    log = read_log()
    for reason in ["invalid signature", "unsigned message", "no <IDS|MSG> delimiter", "replayed message"]:
        expect(reason in log, f"log lacks '{reason}':\n{log}")
    return "4 rejected (wrong, missing, garbage signature; malformed) + 1 replay; logged"


@check("stuck_cell_gets_fresh_session")
def _():
    reply, outputs, seconds = interrupt_loop(km.interrupt_kernel, code="System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);")
    expect(reply["status"] == "error" and reply["ename"] == "Interrupted", reply)
    expect(any("fresh C# session" in line for line in reply["traceback"]), reply["traceback"])
    reply, outputs = run(kc, "x")
    expect(reply["status"] == "error" and reply["ename"] == "CompilationError", reply)
    reply, outputs = run(kc, "var again = 2; again * 3")
    expect(reply["status"] == "ok" and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "6", outputs)
    return f"interrupt answered after {seconds:.1f} s; earlier state gone, kernel usable"


@check("restart")
def _():
    global kc
    old_pid = km.provisioner.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=90)
    new_pid = km.provisioner.pid
    expect(new_pid != old_pid, (old_pid, new_pid))
    reply, _ = run(kc, "again")
    expect(reply["status"] == "error" and reply["ename"] == "CompilationError", reply)
    reply, outputs = run(kc, "1 + 1")
    expect(reply["status"] == "ok" and reply["execution_count"] == 2, reply)
    return f"pid {old_pid} -> {new_pid}; fresh state, counting from 1"


@check("shutdown_releases_ports")
def _():
    info = km.get_connection_info()
    pid = km.provisioner.pid
    kc.stop_channels()
    started = time.time()
    km.shutdown_kernel(now=False)
    seconds = time.time() - started
    expect(not km.is_alive(), "still alive")
    try:
        os.kill(pid, 0)
        raise AssertionError(f"process {pid} still exists")
    except ProcessLookupError:
        pass
    for name in ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((info["ip"], info[name]))
    log_file.flush()
    expect("info: shut down" in read_log(), "the kernel did not shut down by itself")
    return f"shut down in {seconds:.1f} s; 5 ports bindable again"


@check("kernelspec_logos_are_valid_png")
def _():
    folder = km.kernel_spec.resource_dir
    for size in (32, 64):
        data = open(os.path.join(folder, f"logo-{size}x{size}.png"), "rb").read()
        expect(data[:8] == b"\x89PNG\r\n\x1a\n", "signature")
        pos, chunks, idat = 8, [], b""
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
            expect(zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"bad CRC in {kind}")
            chunks.append(kind)
            if kind == b"IDAT":
                idat += body
            if kind == b"IHDR":
                width, height = struct.unpack(">II", body[:8])
                expect((width, height) == (size, size), (width, height))
            pos += 12 + length
        expect(chunks[0] == b"IHDR" and chunks[-1] == b"IEND", chunks)
        expect(len(zlib.decompress(idat)) == size * (size * 4 + 1), "pixel data size")
    return folder


save()
