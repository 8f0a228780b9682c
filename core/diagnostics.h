// Errors the core reports, and how they are printed and mapped to exit codes.
#pragma once

#include <matrixctl/sdk.h>

#include <exception>
#include <string>

namespace matrixctl {

// One reportable failure: "matrixctl: error: <subject>: <reason>; <hint>".
struct Failure {
  mctl_status status = MCTL_ERR_FAILED;
  std::string subject;
  std::string reason;
  std::string hint;  // what to do next; may be empty
};

// Thrown inside the core; caught once in main and printed with format().
class Error : public std::exception {
 public:
  explicit Error(Failure failure);
  Error(mctl_status status, std::string subject, std::string reason,
        std::string hint = {});

  const Failure& failure() const noexcept { return failure_; }
  mctl_status status() const noexcept { return failure_.status; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  Failure failure_;
  std::string message_;
};

// Formats the one-line message, without a trailing newline.
std::string format(const Failure& failure);

// Writes a warning line "matrixctl: warning: <text>" to stderr.
void warn(const std::string& text);

}  // namespace matrixctl
