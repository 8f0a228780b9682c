// Formatting of error and warning lines.
#include "diagnostics.h"

#include <cstdio>
#include <utility>

namespace matrixctl {

Error::Error(Failure failure) : failure_(std::move(failure)), message_(format(failure_)) {}

Error::Error(mctl_status status, std::string subject, std::string reason, std::string hint)
    : Error(Failure{status, std::move(subject), std::move(reason), std::move(hint)}) {}

std::string format(const Failure& failure) {
  std::string line = "matrixctl: error: ";
  if (!failure.subject.empty()) {
    line += failure.subject;
    line += ": ";
  }
  line += failure.reason;
  if (!failure.hint.empty()) {
    line += "; ";
    line += failure.hint;
  }
  return line;
}

void warn(const std::string& text) {
  std::fprintf(stderr, "matrixctl: warning: %s\n", text.c_str());
}

}  // namespace matrixctl
