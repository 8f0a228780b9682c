// Opens a URL in the user's browser: $BROWSER, else xdg-open, started without a shell.
#include "browser.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace matrixctl::auth_oidc {

std::vector<std::string> browser_command(const char* browser_variable) {
  std::vector<std::string> command;
  std::string_view text = browser_variable != nullptr ? browser_variable : "";
  constexpr std::string_view kSpace = " \t\n";
  while (!text.empty()) {
    const std::size_t start = text.find_first_not_of(kSpace);
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const std::size_t end = text.find_first_of(kSpace);
    command.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end);
  }
  if (command.empty()) command.emplace_back("xdg-open");
  return command;
}

BrowserLaunch::BrowserLaunch(std::vector<std::string> command, const std::string& url)
    : program_(command.front()) {
  command.push_back(url);
  std::vector<char*> argv;
  for (std::string& arg : command) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);

  const int error = posix_spawnp(&pid_, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    pid_ = -1;
    failure_ = "could not start the browser \"" + program_ + "\": " + std::strerror(error);
  }
}

BrowserLaunch::~BrowserLaunch() {
  // Reaps a launcher that has exited; one still running is left alone.
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, WNOHANG);
  }
}

std::optional<std::string> BrowserLaunch::failure() {
  if (pid_ > 0 && !failure_) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        failure_ = "the browser \"" + program_ + "\" exited with status " +
                   std::to_string(WEXITSTATUS(status));
      } else if (WIFSIGNALED(status)) {
        failure_ = "the browser \"" + program_ + "\" was killed by signal " +
                   std::to_string(WTERMSIG(status));
      }
    }
  }
  if (!failure_ || reported_) return std::nullopt;
  reported_ = true;
  return failure_;
}

}  // namespace matrixctl::auth_oidc
