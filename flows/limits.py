"""Limits on what one input may cost a refresh, and on what a refresh may leave behind.

- Size: a ZIP container (DOCX, XLSX) is refused when its members add up to more than the limit
  uncompressed, by the sizes the archive declares and by the bytes it really inflates to (a "zip
  bomb" of 1 MB on disk can hold 300 MB of XML); any other file is refused above the same size.
- Time and memory: a report is parsed in a child process (`python -m flows.limits parse ...`)
  that is killed when it runs past the time limit and cannot allocate more than the memory limit.
  A parser bug, a catastrophic regex or an XML that grows faster than its size can therefore cost
  one document, never the refresh. The child dies with the thread that waits for it.
- SIGTERM: Prefect turns it into `TerminationSignal` in the refresh's main thread; `parse_children`
  then kills the parse children at once, so the refresh unwinds normally (the build is discarded,
  the lock released) instead of waiting for a parse that may never end.
- No orphan server: Prefect's temporary API server (SubprocessASGIServer) is started through a
  lifeline launcher (`python -m flows.limits lifeline ...`) that stops the server when the process
  that started it is gone, also after a SIGKILL that leaves no chance to clean up.

Everything here is standard library only: the lifeline and the parse child start in a fraction of
a second and do not import Prefect or DuckDB.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import importlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

MB = 1024 * 1024
DEFAULT_PARSER = "flows.reports.parse:parse_document"
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 * MB


class LimitExceeded(Exception):
    """An input broke a limit; `reason` names the limit and the setting that raises it."""

    def __init__(self, file_name: str, reason: str):
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class ParsingStopped(Exception):
    """The refresh is stopping (SIGTERM or a failure): no document is read any more."""


@dataclass(frozen=True)
class DocumentLimits:
    max_mb: int = 200
    timeout_s: float = 120.0
    memory_mb: int = 4096  # address space of the parse child; 0 turns the cap off

    @classmethod
    def from_settings(cls) -> "DocumentLimits":
        from flows.settings import Settings

        s = Settings()
        return cls(max_mb=s.max_document_mb, timeout_s=s.document_timeout_s, memory_mb=s.document_memory_mb)

    def key(self) -> str:
        """Part of the parse cache key: a document quarantined under one limit is re-read under another."""
        return f"{self.max_mb}mb-{self.timeout_s:g}s-{self.memory_mb}mem"


# --- size ------------------------------------------------------------------------------------

def is_zip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == _ZIP_MAGIC


def check_archive_size(path: Path, max_bytes: int) -> None:
    """Refuse a ZIP container (DOCX, XLSX) whose content is larger than `max_bytes` uncompressed.

    First the sizes the archive declares (free: they are in its central directory), then the bytes
    each member really inflates to, counted in bounded chunks and stopped as soon as the total
    passes the limit; a member whose real size differs from its declared one is refused as well,
    since readers trust the declared size. Raises `LimitExceeded`; the ticket loader calls this for
    XLSX exports too.
    """
    path = Path(path)
    limit = _mb_text(max_bytes)
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            declared = sum(m.file_size for m in members)
            if declared > max_bytes:
                raise LimitExceeded(path.name, f"larger than {limit} uncompressed (the archive declares "
                                               f"{_mb_text(declared)}); {_SETTING_HINT}")
            actual = 0
            with open(path, "rb") as raw:
                for member in members:
                    size = _inflated_size(zf, raw, member, max_bytes - actual)
                    actual += size
                    if actual > max_bytes:
                        raise LimitExceeded(path.name, f"larger than {limit} uncompressed (the archive declares "
                                                       f"{_mb_text(declared)}); {_SETTING_HINT}")
                    if size != member.file_size:
                        raise LimitExceeded(path.name, f"damaged ZIP container: {member.filename} declares "
                                                       f"{member.file_size} bytes but holds {size}")
    except zipfile.BadZipFile as exc:
        raise LimitExceeded(path.name, f"damaged ZIP container ({exc}); its size cannot be checked") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise LimitExceeded(path.name, f"ZIP container that cannot be checked ({exc})") from exc


def _inflated_size(zf: zipfile.ZipFile, raw, member: zipfile.ZipInfo, budget: int) -> int:
    """The bytes `member` really inflates to, counted up to `budget` + 1 (never held in memory).

    Stored and deflated members (all that Office writes) are inflated from the raw bytes, so the
    count does not depend on the declared size; other methods go through zipfile."""
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        total = 0
        with zf.open(member) as fh:
            while (chunk := fh.read(_CHUNK)) and total <= budget:
                total += len(chunk)
        return total
    raw.seek(member.header_offset)
    header = raw.read(30)
    if header[:4] != _ZIP_MAGIC:
        raise zipfile.BadZipFile(f"no local header for {member.filename}")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    raw.seek(member.header_offset + 30 + name_len + extra_len)
    left = member.compress_size
    if member.compress_type == zipfile.ZIP_STORED:
        return left
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    while left > 0 and not inflater.eof and total <= budget:
        data = raw.read(min(_CHUNK, left))
        if not data:
            break
        left -= len(data)
        while data and total <= budget:
            total += len(inflater.decompress(data, _CHUNK))
            data = inflater.unconsumed_tail
    return total


def check_document_size(path: Path, max_bytes: int) -> None:
    """A ZIP container by its uncompressed content, any other file by its size on disk."""
    path = Path(path)
    if is_zip(path):
        check_archive_size(path, max_bytes)
    elif path.stat().st_size > max_bytes:
        raise LimitExceeded(path.name, f"larger than {_mb_text(max_bytes)}; {_SETTING_HINT}")


_SETTING_HINT = "the limit is KOMMUNEDATA_MAX_DOCUMENT_MB"


def _mb_text(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / MB:.2f} MB"


# --- time and memory: the parse child ---------------------------------------------------------

_CHILDREN: set[subprocess.Popen] = set()
_CHILDREN_LOCK = threading.Lock()
_STOPPED = threading.Event()


def parse_document_limited(path: Path, limits: DocumentLimits | None = None, parser: str | None = None) -> Any:
    """`parser(path)` ("module:function") under the size, time and memory limits.

    Returns what the parser returns. Raises `LimitExceeded` for a broken limit, `DocumentError`
    (flows.reports.model) when the parser says the document cannot be read, `OSError` for a file
    system error worth a retry, `ParsingStopped` when the refresh is stopping.
    """
    from flows.reports.model import DocumentError

    path = Path(path)
    limits = limits or DocumentLimits.from_settings()
    check_document_size(path, limits.max_mb * MB)
    kind, value = run_in_child(parser or DEFAULT_PARSER, path, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)
    if kind == "ok":
        return value
    if kind == "os-error":
        raise OSError(value)
    if kind == "document-error":
        raise DocumentError(path.name, value)
    raise LimitExceeded(path.name, value)


def run_in_child(parser: str, path: Path, *, timeout_s: float, memory_mb: int) -> tuple[str, Any]:
    """Run `parser(path)` in a child process; ("ok", result) or (kind, reason) when it failed."""
    with tempfile.TemporaryDirectory(prefix="kommunedata-parse-") as tmp:
        out, err = Path(tmp) / "result.pickle", Path(tmp) / "stderr.txt"
        with open(err, "wb") as err_fh, _CHILDREN_LOCK:  # checked and registered at once: none escapes a stop
            if _STOPPED.is_set():
                raise ParsingStopped("the refresh is stopping; no new document is read")
            proc = subprocess.Popen(
                [sys.executable, "-m", "flows.limits", "parse", parser, str(path), str(out), str(memory_mb),
                 str(os.getpid())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err_fh)
            _CHILDREN.add(proc)
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            if _STOPPED.is_set():
                raise ParsingStopped("the refresh stopped while the document was read") from None
            return "limit", (f"took longer than {timeout_s:g} s to read and was stopped; "
                             "the limit is KOMMUNEDATA_DOCUMENT_TIMEOUT_S")
        finally:
            with _CHILDREN_LOCK:
                _CHILDREN.discard(proc)
        if _STOPPED.is_set():
            raise ParsingStopped("the refresh stopped while the document was read")
        if out.exists():
            with open(out, "rb") as fh:
                return pickle.load(fh)
        return "limit", _crash_reason(proc.returncode, err, memory_mb)


def _crash_reason(returncode: int, err: Path, memory_mb: int) -> str:
    tail = [line for line in err.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    last = tail[-1].strip()[:300] if tail else ""
    if "MemoryError" in last or "std::bad_alloc" in last or "out of memory" in last.lower():
        return f"needed more than {memory_mb} MB of memory to read; the limit is KOMMUNEDATA_DOCUMENT_MEMORY_MB"
    how = f"signal {-returncode}" if returncode < 0 else f"exit code {returncode}"
    return f"the reader crashed ({how}{': ' + last if last else ''})"


def _child_parse(parser: str, path: str, out: str, memory_mb: int, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    if memory_mb > 0:
        import resource

        cap = memory_mb * MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    module, _, name = parser.partition(":")
    try:
        fn: Callable[[Path], Any] = getattr(importlib.import_module(module), name)
        result: tuple[str, Any] = ("ok", fn(Path(path)))
    except MemoryError:
        result = ("limit", f"needed more than {memory_mb} MB of memory to read; "
                           "the limit is KOMMUNEDATA_DOCUMENT_MEMORY_MB")
    except OSError as exc:
        result = ("os-error", f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        reason = getattr(exc, "reason", None)
        if type(exc).__name__ == "DocumentError" and isinstance(reason, str):
            result = ("document-error", reason)
        else:  # a reader bug must not stop the batch; the file is quarantined with the cause
            result = ("document-error", f"could not be read ({type(exc).__name__}: {exc})")
    tmp = out + ".part"
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)  # the parent reads a whole result or none


# --- stopping: SIGTERM and failures -----------------------------------------------------------

def stop_children() -> None:
    """No parse child starts any more and every running one is killed."""
    _STOPPED.set()
    with _CHILDREN_LOCK:
        children = list(_CHILDREN)
    for proc in children:
        with contextlib.suppress(OSError):
            proc.kill()


@contextmanager
def parse_children() -> Iterator[None]:
    """The block that waits for parse children. SIGTERM inside it kills every running child from the
    signal handler itself and then hands the signal on (Prefect turns it into `TerminationSignal`):
    the kill does not depend on where that exception lands — Prefect's own event-loop code may swallow
    it — so the threads that wait for the children return at once and the refresh unwinds; it then
    asks `termination_requested()`. Anything else escaping the block stops the children too."""
    _STOPPED.clear()
    restore = _arm_sigterm()
    try:
        yield
    except BaseException:
        stop_children()
        raise
    finally:
        restore()


def _arm_sigterm() -> Callable[[], None]:
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGTERM)

    def _stop(signum, frame):
        _TERMINATING.set()
        stop_children()
        return _pass_on(previous, signum, frame)

    signal.signal(signal.SIGTERM, _stop)

    def restore() -> None:
        if signal.getsignal(signal.SIGTERM) is _stop:
            signal.signal(signal.SIGTERM, previous)

    return restore


def _pass_on(previous, signum, frame):
    """Hand a signal on to the handler that was installed before ours; where that was the default, die of it."""
    if callable(previous):
        return previous(signum, frame)
    if previous == signal.SIG_DFL:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    return None


_TERMINATING = threading.Event()


def watch_for_termination() -> None:
    """Remember that SIGTERM arrived, then hand it to the handler already installed (Prefect's, which
    raises `TerminationSignal`). Needed because a signal that arrives while DuckDB runs a query turns
    into DuckDB's `RuntimeError: Query interrupted` and the `TerminationSignal` is lost; the refresh
    asks `termination_requested()` to tell a stop from a failure. Only the main thread may install it."""
    _TERMINATING.clear()
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if getattr(previous, "_kommunedata_marker", False):
        return

    def _mark(signum, frame):
        _TERMINATING.set()
        return _pass_on(previous, signum, frame)

    _mark._kommunedata_marker = True  # type: ignore[attr-defined]
    signal.signal(signal.SIGTERM, _mark)


def termination_requested() -> bool:
    return _TERMINATING.is_set()


# --- processes that die with their parent ---------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int, sig: int = signal.SIGTERM) -> None:
    """Ask Linux to send `sig` to this process when the thread that started it ends; exit at once
    when that already happened. A no-op where prctl does not exist (the lifeline still polls)."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def _lifeline(parent_pid: int, command: list[str]) -> int:
    """Run `command` for as long as `parent_pid` lives; stop it when the parent is gone.

    The launcher is single-threaded, so the command's "die with parent" request ties it to this
    launcher; the launcher itself polls for its parent, which works whichever thread started it.
    SIGTERM/SIGINT to the launcher are passed on, and its exit code is the command's.
    """
    child = subprocess.Popen(command, preexec_fn=lambda: _die_with_parent(os.getppid()))

    def _forward(signum, frame):
        with contextlib.suppress(OSError):
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, _forward)
    signal.signal(signal.SIGINT, _forward)
    while True:
        try:
            code = child.wait(timeout=0.5)
            return code if code >= 0 else 128 - code
        except subprocess.TimeoutExpired:
            pass
        if os.getppid() != parent_pid:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            return 0


def lifeline_command(command: list[str]) -> list[str]:
    """`command` started through the lifeline launcher, tied to this process."""
    return [sys.executable, "-m", "flows.limits", "lifeline", str(os.getpid()), "--", *command]


class _LifelineSubprocess:
    """Stands in for the `subprocess` module inside Prefect's server module: its Popen starts the
    temporary server through the lifeline; everything else is the real module."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args, *rest, **kwargs):  # noqa: N802 - the name Prefect calls
        return subprocess.Popen(lifeline_command(list(args)), *rest, **kwargs)


def tie_prefect_server_to_this_process() -> None:
    """Start Prefect's temporary API server so that it never outlives this process (idempotent)."""
    from prefect.server.api import server

    if not isinstance(server.subprocess, _LifelineSubprocess):
        server.subprocess = _LifelineSubprocess()


def _main(argv: list[str]) -> int:
    if argv[:1] == ["parse"] and len(argv) == 6:
        _, parser, path, out, memory_mb, parent_pid = argv
        _child_parse(parser, path, out, int(memory_mb), int(parent_pid))
        return 0
    if argv[:1] == ["lifeline"] and len(argv) > 3 and argv[2] == "--":
        return _lifeline(int(argv[1]), argv[3:])
    print("usage: python -m flows.limits parse MODULE:FUNC PATH OUT MEMORY_MB PARENT_PID\n"
          "       python -m flows.limits lifeline PARENT_PID -- COMMAND ...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
