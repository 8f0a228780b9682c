// Password entry for `adduser`: prompts, standard input, and generation.
#include "password.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include <sys/random.h>
#include <unistd.h>

namespace matrixctl::users {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static_assert(kAlphabet.size() == 64, "byte % 64 is unbiased only for 64 symbols");
constexpr std::size_t kGeneratedLength = 24;

// A line of standard input longer than this cannot be a valid password
// (512 characters of at most 4 UTF-8 bytes each), so reading stops there.
constexpr std::size_t kMaxStdinBytes = 4 * kMaxPasswordCharacters + 2;

// Counts UTF-8 code points, as Synapse's length check counts characters.
std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) {
    if ((static_cast<unsigned char>(byte) & 0xC0u) != 0x80u) ++count;
  }
  return count;
}

}  // namespace

void print_dialog_line(const std::string& line) {
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::string generate_password() {
  unsigned char random[kGeneratedLength];
  std::size_t filled = 0;
  while (filled < sizeof random) {
    const ssize_t got = getrandom(random + filled, sizeof random - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw sdk::Error(MCTL_ERR_FAILED, "password",
                       std::string("getrandom failed: ") + std::strerror(errno),
                       "enter a password instead of pressing Enter twice");
    }
    filled += static_cast<std::size_t>(got);
  }

  std::string password;
  password.reserve(kGeneratedLength);
  for (const unsigned char byte : random) password.push_back(kAlphabet[byte % kAlphabet.size()]);
  return password;
}

Password prompt_password(const sdk::Call& call) {
  if (isatty(STDIN_FILENO) == 0) {
    throw sdk::Error(MCTL_ERR_USAGE, "password",
                     "standard input is not a terminal, so the password cannot be asked for",
                     "pass --password-stdin to read it from the first line of standard input");
  }

  for (;;) {
    const std::string first = call.prompt("Password:", true);
    const std::string second = call.prompt("Password (again):", true);
    if (first.empty() && second.empty()) return {generate_password(), true};

    if (first != second) {
      print_dialog_line("The entered passwords do not match. Please try again!");
    } else if (count_characters(first) > kMaxPasswordCharacters) {
      print_dialog_line("The password is longer than 512 characters, which Synapse rejects. "
                        "Please try again!");
    } else {
      return {first, false};
    }
  }
}

Password read_password_from_stdin() {
  // read(2) byte by byte: stops exactly at the line end and leaves no copy
  // of the password in a stdio buffer.
  std::string line;
  char byte = 0;
  for (;;) {
    const ssize_t got = read(STDIN_FILENO, &byte, 1);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw sdk::Error(MCTL_ERR_FAILED, "standard input",
                       std::string("reading the password failed: ") + std::strerror(errno));
    }
    if (got == 0 || byte == '\n') break;
    if (line.size() == kMaxStdinBytes) break;
    line.push_back(byte);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();

  if (line.empty()) {
    throw sdk::Error(MCTL_ERR_USAGE, "--password-stdin",
                     "the first line of standard input is empty",
                     "write the password on the first line, or leave out --password-stdin "
                     "to be asked for it");
  }
  if (line.size() >= kMaxStdinBytes || count_characters(line) > kMaxPasswordCharacters) {
    throw sdk::Error(MCTL_ERR_USAGE, "--password-stdin",
                     "the password is longer than 512 characters, which Synapse rejects",
                     "use a shorter password");
  }
  return {line, false};
}

}  // namespace matrixctl::users
