// Opens a URL in the user's browser: $BROWSER, else xdg-open, started without a shell.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace matrixctl::auth_oidc {

// Splits $BROWSER on whitespace into a command and its arguments; the URL
// goes last. Returns {"xdg-open"} when $BROWSER is unset or blank.
std::vector<std::string> browser_command(const char* browser_variable);

// A browser started in the background. The login does not wait for it to
// exit, because a browser named in $BROWSER may run until its window closes.
class BrowserLaunch {
 public:
  // Starts `command` plus `url` in its own process group, so Ctrl-C in the
  // terminal does not close the browser, with standard input and output on
  // /dev/null. A start that fails is kept for failure().
  BrowserLaunch(std::vector<std::string> command, const std::string& url);
  ~BrowserLaunch();
  BrowserLaunch(const BrowserLaunch&) = delete;
  BrowserLaunch& operator=(const BrowserLaunch&) = delete;

  // Returns a message, once, when the browser could not be started or has
  // exited with a non-zero status or a signal; std::nullopt otherwise.
  std::optional<std::string> failure();

 private:
  std::string program_;
  pid_t pid_ = -1;
  std::optional<std::string> failure_;
  bool reported_ = false;
};

}  // namespace matrixctl::auth_oidc
