// Terminal prompts and Ctrl-C handling.
#include "terminal.h"

#include "../diagnostics.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace matrixctl::host {

std::atomic<bool> g_cancelled{false};

namespace {

void on_interrupt(int) {
  // A second Ctrl-C quits at once, for a request that does not return.
  if (g_cancelled.exchange(true)) _exit(MCTL_ERR_CANCELLED);
  static const char kMessage[] =
      "\nmatrixctl: interrupted; stopping after the current request (Ctrl-C again to quit now)\n";
  const ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
}

// Restores the terminal's echo setting on every exit path.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
      // TCSANOW keeps what was typed ahead, which TCSAFLUSH would drop.
      active_ = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
    }
  }
  ~EchoOff() {
    if (active_) {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
      std::fputc('\n', stderr);
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

std::string read_line(const std::string& text, bool secret) {
  if (secret && isatty(STDIN_FILENO) == 0) {
    throw Error(MCTL_ERR_USAGE, "prompt \"" + text + "\"",
                "standard input is not a terminal, so the secret cannot be read without echo",
                "run it in a terminal, or use the command's --password-stdin option");
  }
  std::fputs(text.c_str(), stderr);
  std::fputc(' ', stderr);
  std::fflush(stderr);
  std::string line;
  bool ok = false;
  if (secret) {
    EchoOff echo_off;
    ok = static_cast<bool>(std::getline(std::cin, line));
  } else {
    ok = static_cast<bool>(std::getline(std::cin, line));
  }
  if (!ok) {
    if (g_cancelled) throw Error(MCTL_ERR_CANCELLED, "prompt", "interrupted");
    throw Error(MCTL_ERR_USAGE, "prompt \"" + text + "\"", "no answer (end of input)",
                "answer in a terminal, or pass the answer as an option (see --help)");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool ask_yes_no(const std::string& text) {
  while (true) {
    std::string answer = read_line(text + " [y/n]", false);
    for (auto& c : answer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (answer == "y" || answer == "yes" || answer == "j") return true;
    if (answer == "n" || answer == "no") return false;
  }
}

}  // namespace matrixctl::host
