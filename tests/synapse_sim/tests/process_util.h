// Child-process helpers shared by the test fixtures: temporary folders, spawning, waiting.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace synapse_sim_test {

// Creates a fresh folder under the system temporary folder; returns "" on failure.
std::string makeTempDir(const std::string& prefix);

// Returns the whole file, or "" when it cannot be read.
std::string readFile(const std::string& path);

// Starts argv[0] (searched in PATH when it has no '/') with standard output and
// error sent to the two files. Returns the pid, or -1.
pid_t spawnProcess(const std::vector<std::string>& argv, const std::string& stdout_path, const std::string& stderr_path);

// Waits up to `timeout` for the child; returns its exit code, or -1 after
// killing it with SIGKILL (or when it did not exit normally).
int waitForExit(pid_t pid, std::chrono::milliseconds timeout);

// Waits up to `timeout` for `port_file` to hold a port number and a newline.
// Returns the port, 0 on timeout, or -1 when the child exited first (it is reaped then).
int waitForPortFile(const std::string& port_file, pid_t pid, std::chrono::milliseconds timeout);

}  // namespace synapse_sim_test
