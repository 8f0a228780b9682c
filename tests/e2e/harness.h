// End-to-end test harness: runs the real matrixctl binary against a real
// synapse-sim process and reads what the simulator received.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

namespace e2e {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// This process's environment with `overrides` applied ("" unsets a
// variable), as "KEY=value" strings for posix_spawn.
std::vector<std::string> environment_with(const std::map<std::string, std::string>& overrides);

// True when `text` contains `part`.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `text` parsed as JSON (check IsArray()/IsObject() before use).
inline rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  return document;
}

// Sends `body` (JSON; none when empty) to `url` with `method` and returns
// the response body. Throws std::runtime_error when no response arrives.
std::string send_json(const std::string& method, const std::string& url,
                      const std::string& body);

// Sends GET http://127.0.0.1:<port><path_and_query> and returns the HTTP
// status, or 0 when the connection failed.
long http_get(int port, const std::string& path_and_query, std::string* body = nullptr);

// Stops a helper process with SIGTERM and removes its scratch directory.
void stop_process(int pid, const std::string& dir);

// Runs `program` with `args`, feeding `input` on stdin, with the extra
// environment variables `env` (set to "" to unset one). Waits at most
// `timeout_seconds`.
RunResult run_process(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {},
                      const std::string& input = {}, int timeout_seconds = 60);

// A synapse-sim process on 127.0.0.1 with a free port, stopped on
// destruction.
class Simulator {
 public:
  explicit Simulator(const std::vector<std::string>& extra_args);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // GET /_sim/requests parsed; DELETE /_sim/requests.
  rapidjson::Document requests() const;
  void clear_requests() const;
  // POST /_sim/faults with `json`.
  void add_fault(const std::string& json) const;

  // HTTP helper for the control endpoints; returns the body.
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = {}) const;

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

// A temporary directory removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// Runs build/bin/matrixctl with `args` and a clean environment whose
// XDG/HOME directories point into `home`.
RunResult matrixctl(const TempDir& home, const std::vector<std::string>& args,
                    const std::string& input = {},
                    const std::map<std::string, std::string>& env = {});

// Like matrixctl(), but on a pseudo-terminal made by script(1), so that
// prompts without echo work; `input` is typed ahead.
RunResult matrixctl_in_terminal(const TempDir& home, const std::vector<std::string>& args,
                                const std::string& input);

// A config file with one server "default" pointing at `sim`.
std::string write_config(const TempDir& dir, const Simulator& sim, const std::string& token,
                         const std::string& extra_api_yaml = {});

// Requests the simulator saw whose path starts with `prefix`.
std::vector<const rapidjson::Value*> requests_to(const rapidjson::Document& requests,
                                                 const std::string& prefix);

// Number of lines of `text` that start with "| " (table rows incl. header).
std::size_t table_rows(const std::string& text);

}  // namespace e2e
