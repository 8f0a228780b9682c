// Prompts on the terminal: plain and secret lines, and yes/no questions.
#pragma once

#include <atomic>
#include <string>

namespace matrixctl::host {

// Set by the SIGINT handler; long-running work checks it.
extern std::atomic<bool> g_cancelled;
void install_interrupt_handler();

// Reads one line from stdin after writing `text` to stderr. With `secret`,
// echo is off. Throws Error(MCTL_ERR_USAGE) when stdin is not a terminal
// (secret prompts) or at end of input.
std::string read_line(const std::string& text, bool secret);

// Asks "<text> [y/n]" until the reply is y, yes, j (German "ja"), n or no.
bool ask_yes_no(const std::string& text);

}  // namespace matrixctl::host
