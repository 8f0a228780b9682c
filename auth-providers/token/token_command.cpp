// Runs api.auth_token.token_command (without a shell) and captures the token it prints.
#include "token_command.h"

#include <plugin_json.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace matrixctl::auth_token {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kTimeout{30};
// Time a command gets to exit after SIGTERM before it gets SIGKILL.
constexpr std::chrono::seconds kTermGrace{2};
constexpr std::size_t kMaxOutputBytes = 64 * 1024;

std::string errno_text(int error) { return std::strerror(error); }

// Closes a file descriptor once, on every path out of the function.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Waits for `pid` until `deadline`. Returns true, with `status` set, once
// it has exited.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) return true;  // already reaped: nothing to wait for
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Stops the command with SIGTERM, then SIGKILL, and reaps it.
// NOTE: only the command itself gets the signal, not processes it started.
// It stays in matrixctl's process group, so that a pinentry it runs can
// use the terminal, which a separate group would stop with SIGTTOU.
void stop(pid_t pid) {
  int status = 0;
  kill(pid, SIGTERM);
  if (wait_until(pid, Clock::now() + kTermGrace, status)) return;
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

pid_t spawn(const std::vector<std::string>& argv, int stdout_fd, const std::string& config_key) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  // /dev/null as stdin, so that the command cannot eat input meant for
  // matrixctl, such as the password of `adduser --password-stdin`.
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  // The host may block or ignore signals (SIGPIPE, SIGINT), so the
  // command starts with default dispositions and an empty mask.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t pid = -1;
  const int error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key,
                     "cannot run \"" + argv[0] + "\": " + errno_text(error),
                     "check that the program is installed and on PATH");
  }
  return pid;
}

}  // namespace

std::vector<std::string> parse_token_command(std::string_view json,
                                             const std::string& config_key) {
  const char* const hint =
      "write it as a YAML list without shell syntax, such as [pass, show, matrix/admin-token]";
  rapidjson::Document command;
  command.Parse(json.data(), json.size());
  if (command.HasParseError() || !command.IsArray() || command.Empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key, "must be a non-empty list of strings", hint);
  }

  std::vector<std::string> argv;
  for (const rapidjson::Value& arg : command.GetArray()) {
    if (arg.IsString() && std::strlen(arg.GetString()) == arg.GetStringLength()) {
      argv.emplace_back(arg.GetString(), arg.GetStringLength());
    } else if (arg.IsInt64()) {
      argv.push_back(std::to_string(arg.GetInt64()));
    } else {
      throw sdk::Error(MCTL_ERR_CONFIG, config_key,
                       "must be a list of strings, but an element is " +
                           (arg.IsString() ? std::string("a string with a NUL byte")
                                           : plugin::to_json(arg)),
                       hint);
    }
  }
  if (argv[0].empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key, "the program name is empty", hint);
  }
  return argv;
}

std::string run_token_command(const sdk::Call& call, const std::vector<std::string>& argv,
                              const std::string& config_key) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw sdk::Error(MCTL_ERR_FAILED, config_key, "cannot create a pipe: " + errno_text(errno));
  }
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);

  const std::string& program = argv[0];
  const pid_t pid = spawn(argv, write_end.get(), config_key);
  // Only the child may hold the write end now, so EOF means it is done.
  write_end.reset();

  const Clock::time_point deadline = Clock::now() + kTimeout;
  std::string output;
  for (;;) {
    if (call.cancelled()) {
      stop(pid);
      throw sdk::Error(MCTL_ERR_CANCELLED, config_key, "interrupted while \"" + program + "\" ran");
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      stop(pid);
      throw sdk::Error(MCTL_ERR_AUTH, config_key,
                       "\"" + program + "\" did not finish within 30 s and was stopped",
                       "run it by hand to see where it waits");
    }

    // Short waits, so that Ctrl-C is noticed promptly.
    pollfd ready{read_end.get(), POLLIN, 0};
    const int count = poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 200)));
    if (count < 0 && errno != EINTR) {
      stop(pid);
      throw sdk::Error(MCTL_ERR_FAILED, config_key, "poll failed: " + errno_text(errno));
    }
    if (count <= 0) continue;

    char buffer[4096];
    const ssize_t got = read(read_end.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      stop(pid);
      throw sdk::Error(MCTL_ERR_FAILED, config_key,
                       "reading the output of \"" + program + "\" failed: " + errno_text(errno));
    }
    if (got == 0) break;
    output.append(buffer, static_cast<std::size_t>(got));
    if (output.size() > kMaxOutputBytes) {
      stop(pid);
      throw sdk::Error(MCTL_ERR_AUTH, config_key,
                       "\"" + program + "\" printed more than 64 KiB, which is not an access token",
                       "make it print only the access token");
    }
  }

  int status = 0;
  if (!wait_until(pid, deadline, status)) {
    stop(pid);
    throw sdk::Error(MCTL_ERR_AUTH, config_key,
                     "\"" + program + "\" closed its output but did not exit within 30 s",
                     "run it by hand to see where it waits");
  }
  if (WIFSIGNALED(status)) {
    throw sdk::Error(MCTL_ERR_AUTH, config_key,
                     "\"" + program + "\" was killed by signal " +
                         std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) +
                         ")",
                     "run it by hand to see why it failed");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    throw sdk::Error(MCTL_ERR_AUTH, config_key,
                     "\"" + program + "\" exited with status " +
                         std::to_string(WEXITSTATUS(status)),
                     "run it by hand to see why it failed");
  }
  return output;
}

}  // namespace matrixctl::auth_token
