//! Plugins in a child process: a crash, an abort, a hang or a huge answer stops one
//! runner, not the host.
//!
//! With [`PluginIsolation::Child`], every library gets its own runner process (the
//! caller's executable, started with the arguments it names, which ends up in
//! [`serve_stdio`]). The runner opens the library and answers requests over its
//! stdin/stdout, kept alive for the run so that a batch pays the start once. The
//! frames carry the same JSON the C ABI carries:
//!
//! - host to runner: one byte for the call (0 manifest, 1 render, 2 export), a `u64`
//!   little-endian length, the request's bytes;
//! - runner to host: the plugin's `u32` status (little-endian), a `u64` length, the
//!   answer's bytes. The first answer, sent unasked, is the handshake's outcome.
//!
//! Every call has a time limit and every answer a size cap ([`Limits`]); on a breach,
//! or when the runner dies, the host kills it and the plugin's calls fail with a
//! message naming the library and what happened.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use followup_plugin::abi::{ABI_VERSION_SYMBOL, Buffer, ENTRY_SYMBOL_V1, STATUS_ERROR, STATUS_OK};
use serde::{Deserialize, Serialize};

use crate::answer::read_buffer;
use crate::handshake::{self, Entry};
use crate::refusal::{RefusalReason, one_line};

/// How plugins run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PluginIsolation {
    /// Loaded into this process: fastest, but a plugin that crashes takes the process
    /// with it.
    #[default]
    InProcess,
    /// Each library in its own runner process.
    Child(RunnerCommand),
}

/// How to start a runner, and the limits it runs under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunnerCommand {
    /// The executable that serves one library ([`serve_stdio`]), usually the caller's
    /// own (`std::env::current_exe()`).
    pub program: PathBuf,
    /// The arguments before the library's path, such as `["__plugin-runner"]`.
    pub args: Vec<OsString>,
    /// The limits of every call.
    pub limits: Limits,
}

/// The limits of one call to an isolated plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long one call (the start and manifest included) may take.
    pub call_timeout: Duration,
    /// The largest answer accepted, in bytes.
    pub max_answer: u64,
}

impl Limits {
    /// The default time limit of one call: 10 seconds.
    pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(10);
    /// The default size cap of one answer: 16 MiB.
    pub const DEFAULT_MAX_ANSWER: u64 = 16 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            call_timeout: Limits::DEFAULT_CALL_TIMEOUT,
            max_answer: Limits::DEFAULT_MAX_ANSWER,
        }
    }
}

/// A call to a plugin, as its byte on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Call {
    Manifest = 0,
    Render = 1,
    Export = 2,
}

/// The status a runner sends when the plugin's buffer could not be read; the answer
/// is the message. No plugin status uses it.
const STATUS_BAD_BUFFER: u32 = u32::MAX;

/// Why a call got no answer from the plugin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CallFailure {
    /// The answer buffer could not be read (a null pointer with a length).
    BadBuffer(String),
    /// The runner crashed, hung or answered too much, and was stopped.
    Stopped(String),
}

/// The handshake's outcome, the runner's first answer.
#[derive(Debug, Serialize, Deserialize)]
enum Hello {
    Ready { abi_version: u32, render: bool, export: bool },
    NotALibrary { detail: String },
    MissingSymbol { symbol: String },
    AbiMismatch { found: u32 },
    BadTable { detail: String },
    Other { detail: String },
}

impl Hello {
    fn from_refusal(reason: RefusalReason) -> Hello {
        match reason {
            RefusalReason::NotALibrary { detail } => Hello::NotALibrary { detail },
            RefusalReason::MissingSymbol { symbol } => {
                Hello::MissingSymbol { symbol: symbol.to_string() }
            }
            RefusalReason::AbiMismatch { found, .. } => Hello::AbiMismatch { found },
            RefusalReason::BadTable { detail } => Hello::BadTable { detail },
            other => Hello::Other { detail: other.to_string() },
        }
    }

    fn into_result(self) -> Result<(u32, Capabilities), RefusalReason> {
        match self {
            Hello::Ready { abi_version, render, export } => {
                Ok((abi_version, Capabilities { render, export }))
            }
            Hello::NotALibrary { detail } => Err(RefusalReason::NotALibrary { detail }),
            Hello::MissingSymbol { symbol } => Err(RefusalReason::MissingSymbol {
                symbol: if symbol == ABI_VERSION_SYMBOL {
                    ABI_VERSION_SYMBOL
                } else {
                    ENTRY_SYMBOL_V1
                },
            }),
            Hello::AbiMismatch { found } => Err(RefusalReason::abi_mismatch(found)),
            Hello::BadTable { detail } => Err(RefusalReason::BadTable { detail }),
            // Opening a library fails only in the ways above; a newer runner's
            // other reason is shown as the system's word on the file.
            Hello::Other { detail } => {
                Err(RefusalReason::NotALibrary { detail: one_line(&detail) })
            }
        }
    }
}

/// Serves one library over the process's stdin and stdout, for a runner subcommand.
///
/// The protocol moves to a private copy of stdout, and stdout itself is pointed at
/// stderr, so that a plugin printing to stdout cannot corrupt the answers.
///
/// # Errors
///
/// Reading or writing the pipes failed (the host went away).
pub fn serve_stdio(library: &Path) -> io::Result<()> {
    let output = protocol_output()?;
    serve(library, io::stdin().lock(), output)
}

#[cfg(unix)]
fn protocol_output() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain descriptor calls on the process's own standard descriptors; the
    // duplicate is owned by the returned file alone. It is closed on exec, so that a
    // process the plugin starts does not inherit the host's pipe.
    unsafe {
        let private = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
        if private < 0 || libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(private))
    }
}

#[cfg(not(unix))]
fn protocol_output() -> io::Result<io::Stdout> {
    Ok(io::stdout())
}

/// Serves one library: the handshake's outcome first, then one answer per request
/// until `input` ends.
///
/// # Errors
///
/// Reading `input` or writing `output` failed.
pub fn serve(library: &Path, mut input: impl Read, mut output: impl Write) -> io::Result<()> {
    let opened = handshake::open_entry(library);
    let hello = match &opened {
        Ok((abi_version, entry)) => Hello::Ready {
            abi_version: *abi_version,
            render: entry.render.is_some(),
            export: entry.export.is_some(),
        },
        Err(reason) => Hello::from_refusal(reason.clone()),
    };
    let hello = serde_json::to_vec(&hello).map_err(io::Error::other)?;
    write_answer(&mut output, STATUS_OK, &hello)?;
    let Ok((_, entry)) = opened else { return Ok(()) };
    loop {
        let mut kind = [0u8; 1];
        match input.read_exact(&mut kind) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(err) => return Err(err),
        }
        let request = read_frame(&mut input, u64::MAX)?;
        // The host judges the size of what it reads from the pipe (its own cap), and
        // the answer goes to the pipe straight from the plugin's buffer.
        let written = call_in_process(entry, kind[0], &request, u64::MAX, |status, bytes| {
            write_answer(&mut output, status, bytes)
        });
        match written {
            Ok(written) => written?,
            Err(CallFailure::BadBuffer(message) | CallFailure::Stopped(message)) => {
                write_answer(&mut output, STATUS_BAD_BUFFER, message.as_bytes())?;
            }
        }
    }
}

/// Calls the plugin loaded in this process and hands its status and answer to
/// `read`; an answer over `cap` bytes is refused without being read.
pub(crate) fn call_in_process<R>(
    entry: Entry,
    kind: u8,
    input: &[u8],
    cap: u64,
    read: impl FnOnce(u32, &[u8]) -> R,
) -> Result<R, CallFailure> {
    let mut buffer = Buffer::EMPTY;
    let function = match kind {
        0 => None,
        1 => entry.render,
        2 => entry.export,
        other => return Ok(read(STATUS_ERROR, format!("unknown call {other}").as_bytes())),
    };
    let status = match function {
        // SAFETY: `manifest` has the ABI's signature and gets a valid, writable buffer.
        None if kind == 0 => unsafe { (entry.manifest)(&mut buffer) },
        None => return Ok(read(STATUS_ERROR, b"this plugin's ABI version lacks this call")),
        // SAFETY: the call has the ABI's signature; `input` is alive for the call and
        // `buffer` is a valid, writable slot. The library is never unloaded.
        Some(call) => unsafe { call(input.as_ptr(), input.len(), &mut buffer) },
    };
    read_buffer(entry, buffer, cap, |bytes| read(status, bytes)).map_err(CallFailure::BadBuffer)
}

fn write_answer(output: &mut impl Write, status: u32, bytes: &[u8]) -> io::Result<()> {
    output.write_all(&status.to_le_bytes())?;
    output.write_all(&(bytes.len() as u64).to_le_bytes())?;
    output.write_all(bytes)?;
    output.flush()
}

/// Reads a length and that many bytes; a length over `cap` is an error of kind
/// `InvalidData` carrying the length, and nothing of it is read.
fn read_frame(input: &mut impl Read, cap: u64) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > cap {
        return Err(io::Error::new(io::ErrorKind::InvalidData, Oversize(len)));
    }
    let mut bytes = Vec::new();
    input.take(len).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

/// An answer longer than the cap, with its announced length.
#[derive(Debug)]
struct Oversize(u64);

impl std::fmt::Display for Oversize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an answer of {} bytes", self.0)
    }
}

impl std::error::Error for Oversize {}

/// Which calls beyond the manifest a library's table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Capabilities {
    /// It can draft (ABI 1.1 or later).
    pub render: bool,
    /// It can export (ABI 1.2 or later).
    pub export: bool,
}

/// What the reader thread hands over: an answer, or why there is none.
type Answer = Result<(u32, Vec<u8>), ReadEnd>;

/// Why the reader thread stopped reading answers.
#[derive(Debug)]
enum ReadEnd {
    /// The runner closed its output (it exited or crashed).
    Closed,
    /// The runner announced an answer over the size cap, of this many bytes.
    Oversize(u64),
}

/// One runner process, serving one library for the life of its [`LoadedPlugin`]
/// (and its clones).
///
/// Requests go to a writer thread and answers come from a reader thread, so that the
/// host only ever blocks in a wait with a time limit: a runner that stops reading its
/// input cannot stall the host on a full pipe.
///
/// [`LoadedPlugin`]: crate::LoadedPlugin
pub(crate) struct Runner {
    limits: Limits,
    capabilities: Capabilities,
    state: Mutex<State>,
}

struct State {
    /// The runner process; `None` only once it was handed to its reaper.
    child: Option<Child>,
    /// Requests for the writer thread; `None` once the runner was stopped.
    requests: Option<Sender<Vec<u8>>>,
    answers: Receiver<Answer>,
    /// Why the runner was stopped, once it was.
    stopped: Option<String>,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("limits", &self.limits)
            .field("capabilities", &self.capabilities)
            .finish_non_exhaustive()
    }
}

impl Runner {
    /// Starts a runner for `library`; [`Starting::ready`] waits for its handshake.
    /// Starting every runner before waiting for any lets them open their libraries
    /// at the same time.
    pub(crate) fn spawn(
        command: &RunnerCommand,
        library: &Path,
    ) -> Result<Starting, RefusalReason> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .arg(library)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|err| RefusalReason::Stopped {
                detail: one_line(&format!(
                    "could not be started ({}: {err})",
                    command.program.display()
                )),
            })?;
        let stdin = child.stdin.take().expect("stdin was asked to be piped");
        let stdout = child.stdout.take().expect("stdout was asked to be piped");
        let requests = spawn_writer(stdin);
        let answers = spawn_reader(stdout, command.limits.max_answer);
        let state = State { child: Some(child), requests: Some(requests), answers, stopped: None };
        Ok(Starting { limits: command.limits, state })
    }

    /// Which calls the library can answer.
    pub(crate) fn capabilities(&self) -> Capabilities {
        self.capabilities
    }

    /// Sends one request and waits for its answer, within the time limit.
    pub(crate) fn call(&self, call: Call, input: &[u8]) -> Result<(u32, Vec<u8>), CallFailure> {
        let mut state = self.lock();
        if let Some(reason) = &state.stopped {
            return Err(CallFailure::Stopped(format!(
                "stopped on an earlier call, when it {reason}"
            )));
        }
        let mut frame = Vec::with_capacity(9 + input.len());
        frame.push(call as u8);
        frame.extend_from_slice(&(input.len() as u64).to_le_bytes());
        frame.extend_from_slice(input);
        // A writer thread that is gone means a runner that died; the answer says how.
        if let Some(requests) = &state.requests {
            let _ = requests.send(frame);
        }
        let answer = receive(&mut state, &self.limits)?;
        if answer.0 == STATUS_BAD_BUFFER {
            return Err(CallFailure::BadBuffer(String::from_utf8_lossy(&answer.1).into_owned()));
        }
        Ok(answer)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A poisoned lock only means another thread panicked mid-call; the state is
        // still consistent enough to report or stop the runner.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A runner that was started and has not answered its handshake yet.
pub(crate) struct Starting {
    limits: Limits,
    state: State,
}

impl Starting {
    /// Waits for the handshake, within the time limit, and returns the runner and the
    /// library's ABI version.
    pub(crate) fn ready(mut self) -> Result<(Runner, u32), RefusalReason> {
        let state = &mut self.state;
        let hello = receive(state, &self.limits)
            .map_err(|failure| RefusalReason::Stopped { detail: failure.detail() })?;
        let hello: Result<Hello, _> = serde_json::from_slice(&hello.1);
        let outcome = hello
            .map_err(|err| RefusalReason::Stopped {
                detail: one_line(&format!("answered the handshake wrongly ({err})")),
            })
            .and_then(Hello::into_result);
        let (abi_version, capabilities) = match outcome {
            Ok(ready) => ready,
            Err(reason) => {
                stop(state, String::new());
                return Err(reason);
            }
        };
        let runner = Runner { limits: self.limits, capabilities, state: Mutex::new(self.state) };
        Ok((runner, abi_version))
    }
}

impl CallFailure {
    /// What happened, as the end of a sentence.
    pub(crate) fn detail(self) -> String {
        match self {
            CallFailure::BadBuffer(detail) | CallFailure::Stopped(detail) => detail,
        }
    }
}

/// Writes each request to the runner's input, until the sender goes or a write fails.
fn spawn_writer(mut stdin: ChildStdin) -> Sender<Vec<u8>> {
    let (send, requests) = channel::<Vec<u8>>();
    std::thread::spawn(move || {
        for frame in requests {
            if stdin.write_all(&frame).and_then(|()| stdin.flush()).is_err() {
                return;
            }
        }
        // Dropping `stdin` here tells a healthy runner to exit.
    });
    send
}

/// Reads answers from the runner's output, until it closes or announces an answer
/// over `cap` bytes (of which nothing is read).
fn spawn_reader(mut stdout: ChildStdout, cap: u64) -> Receiver<Answer> {
    let (send, answers) = channel();
    std::thread::spawn(move || {
        loop {
            let mut status = [0u8; 4];
            let answer = stdout
                .read_exact(&mut status)
                .and_then(|()| read_frame(&mut stdout, cap))
                .map(|bytes| (u32::from_le_bytes(status), bytes))
                .map_err(|err| {
                    match err.get_ref().and_then(|inner| inner.downcast_ref::<Oversize>()) {
                        Some(Oversize(len)) => ReadEnd::Oversize(*len),
                        None => ReadEnd::Closed,
                    }
                });
            let last = answer.is_err();
            if send.send(answer).is_err() || last {
                return;
            }
        }
    });
    answers
}

/// Waits for the next answer within the time limit; stops the runner on a breach or
/// when it died, and says what happened.
fn receive(state: &mut State, limits: &Limits) -> Result<(u32, Vec<u8>), CallFailure> {
    let reason = match state.answers.recv_timeout(limits.call_timeout) {
        Ok(Ok(answer)) => return Ok(answer),
        Ok(Err(ReadEnd::Oversize(len))) => format!(
            "answered {}, over the limit of {}",
            show_size(len),
            show_size(limits.max_answer)
        ),
        Err(RecvTimeoutError::Timeout) => {
            format!("did not answer within {}", show_duration(limits.call_timeout))
        }
        Ok(Err(ReadEnd::Closed)) | Err(RecvTimeoutError::Disconnected) => {
            // The runner closed its output: give it a moment to exit, for its status.
            show_exit(state.child.as_mut().and_then(wait_briefly))
        }
    };
    stop(state, reason.clone());
    Err(CallFailure::Stopped(reason))
}

/// Kills the runner (if it still runs), reaps it and remembers why.
fn stop(state: &mut State, reason: String) {
    if let Some(child) = state.child.as_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
    state.requests = None;
    state.stopped = Some(reason);
}

impl Drop for Runner {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        if state.stopped.is_some() {
            return;
        }
        // Closing its input ends a healthy runner. It is reaped on a thread of its own,
        // so that dropping a registry does not wait for each runner in turn; one that
        // does not notice the end of its input is killed.
        state.requests = None;
        let Some(mut child) = state.child.take() else { return };
        let _ = std::thread::Builder::new().name("plugin-runner-reaper".into()).spawn(move || {
            if wait_briefly(&mut child).is_none() {
                let _ = child.kill();
                let _ = child.wait();
            }
        });
    }
}

/// Waits up to half a second for the child to exit.
fn wait_briefly(child: &mut Child) -> Option<ExitStatus> {
    for _ in 0..500 {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    None
}

fn show_duration(limit: Duration) -> String {
    if limit.subsec_millis() == 0 {
        format!("{} s", limit.as_secs())
    } else {
        format!("{} ms", limit.as_millis())
    }
}

/// A size in bytes, with MiB for large ones.
pub(crate) fn show_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{bytes} bytes ({:.1} MiB)", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// How a runner ended, as the end of a sentence: the signal that killed it, or its
/// exit code.
fn show_exit(status: Option<ExitStatus>) -> String {
    let Some(status) = status else { return "closed its output".to_string() };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let what = match signal {
                libc::SIGSEGV => "crashed (signal SIGSEGV, a segmentation fault)".to_string(),
                libc::SIGBUS => "crashed (signal SIGBUS)".to_string(),
                libc::SIGILL => "crashed (signal SIGILL)".to_string(),
                libc::SIGFPE => "crashed (signal SIGFPE)".to_string(),
                libc::SIGABRT => "aborted (signal SIGABRT)".to_string(),
                libc::SIGKILL => "was killed (signal SIGKILL)".to_string(),
                other => format!("was killed by signal {other}"),
            };
            return what;
        }
    }
    match status.code() {
        Some(code) => format!("exited with code {code}"),
        None => "exited".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_as_words() {
        assert_eq!(show_size(16 * 1024 * 1024), "16 MiB");
        assert_eq!(show_size(1536), "1536 bytes");
        assert_eq!(show_size(3 * 1024 * 1024 / 2), "1572864 bytes (1.5 MiB)");
        assert_eq!(show_duration(Duration::from_secs(10)), "10 s");
        assert_eq!(show_duration(Duration::from_millis(250)), "250 ms");
    }

    #[test]
    fn frames_over_the_cap_are_not_read() {
        let mut bytes = 100u64.to_le_bytes().to_vec();
        bytes.extend([0u8; 100]);
        let err = read_frame(&mut bytes.as_slice(), 10).expect_err("100 bytes is over 10");
        assert_eq!(err.to_string(), "an answer of 100 bytes");
        assert_eq!(read_frame(&mut bytes.as_slice(), 100).expect("within the cap").len(), 100);
    }
}
