// Process spawning, simulator life cycle and control calls for e2e tests.
#include "harness.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace e2e {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

}  // namespace

std::vector<std::string> environment_with(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals != std::string::npos) merged[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [key, value] : overrides) {
    if (value.empty()) {
      merged.erase(key);
    } else {
      merged[key] = value;
    }
  }
  std::vector<std::string> result;
  for (const auto& [key, value] : merged) result.push_back(key + "=" + value);
  return result;
}

std::string send_json(const std::string& method, const std::string& url,
                      const std::string& body) {
  CURL* curl = curl_easy_init();
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_slist* headers = nullptr;
  if (!body.empty()) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) throw std::runtime_error(method + " " + url + " failed");
  return response;
}

long http_get(int port, const std::string& path_and_query, std::string* body) {
  CURL* curl = curl_easy_init();
  std::string response;
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + path_and_query;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (body != nullptr) *body = response;
  return status;
}

void stop_process(int pid, const std::string& dir) {
  if (pid > 0) {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

RunResult run_process(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, const std::string& input,
                      int timeout_seconds) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const auto environment = environment_with(env);
  std::vector<char*> envp;
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int spawned =
      posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) throw std::runtime_error("cannot start " + program + ": " + strerror(spawned));

  std::size_t written = 0;
  if (input.empty()) {
    close(in_pipe[1]);
    in_pipe[1] = -1;
  }
  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
    const nfds_t count = in_pipe[1] >= 0 ? 3 : 2;
    if (!out_open) fds[0].fd = -1;
    if (!err_open) fds[1].fd = -1;
    poll(fds, count, 200);
    char buffer[65536];
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP)) != 0) {
      const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
      if (n <= 0) out_open = false; else result.out.append(buffer, static_cast<std::size_t>(n));
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP)) != 0) {
      const ssize_t n = read(err_pipe[0], buffer, sizeof buffer);
      if (n <= 0) err_open = false; else result.err.append(buffer, static_cast<std::size_t>(n));
    }
    if (in_pipe[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR)) != 0) {
      const ssize_t n = write(in_pipe[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      result.err += "\n[harness: killed after timeout]";
      break;
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

TempDir::TempDir() {
  char pattern[] = "/tmp/matrixctl-e2e-XXXXXX";
  const char* made = mkdtemp(pattern);
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const std::string file = path_ + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path());
  std::ofstream(file) << content;
  return file;
}

Simulator::Simulator(const std::vector<std::string>& extra_args) {
  char pattern[] = "/tmp/synapse-sim-XXXXXX";
  dir_ = mkdtemp(pattern);
  const std::string port_file = dir_ + "/port";
  std::vector<std::string> args{"--listen", "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv{const_cast<char*>(SYNAPSE_SIM_BINARY)};
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, (dir_ + "/stdout").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (dir_ + "/stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int spawned = posix_spawn(&pid_, SYNAPSE_SIM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start synapse-sim");
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream err(dir_ + "/stderr");
      std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
      throw std::runtime_error("synapse-sim exited: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("synapse-sim did not write its port file");
}

Simulator::~Simulator() { stop_process(pid_, dir_); }

std::string Simulator::control(const std::string& method, const std::string& path,
                               const std::string& body) const {
  return send_json(method, base_url() + path, body);
}

rapidjson::Document Simulator::requests() const {
  rapidjson::Document document;
  const auto body = control("GET", "/_sim/requests");
  document.Parse(body.c_str());
  if (!document.IsArray()) throw std::runtime_error("bad /_sim/requests answer: " + body);
  return document;
}

void Simulator::clear_requests() const { control("DELETE", "/_sim/requests"); }

void Simulator::add_fault(const std::string& json) const { control("POST", "/_sim/faults", json); }

RunResult matrixctl(const TempDir& home, const std::vector<std::string>& args,
                    const std::string& input, const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> environment{
      {"HOME", home.path()},
      {"XDG_CONFIG_HOME", home.path() + "/config"},
      {"XDG_DATA_HOME", home.path() + "/data"},
      {"XDG_CACHE_HOME", home.path() + "/cache"},
      {"MATRIXCTL_PLUGIN_PATH", ""},
  };
  for (const auto& [key, value] : env) environment[key] = value;
  return run_process(MATRIXCTL_BINARY, args, environment, input);
}

RunResult matrixctl_in_terminal(const TempDir& home, const std::vector<std::string>& args,
                                const std::string& input) {
  std::string command_line = std::string("'") + MATRIXCTL_BINARY + "'";
  for (const auto& arg : args) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command_line += " " + quoted + "'";
  }
  const std::map<std::string, std::string> environment{
      {"HOME", home.path()},
      {"XDG_CONFIG_HOME", home.path() + "/config"},
      {"XDG_DATA_HOME", home.path() + "/data"},
      {"SHELL", "/bin/sh"},
      {"MATRIXCTL_PLUGIN_PATH", ""},
  };
  return run_process("/usr/bin/script", {"-qec", command_line, "/dev/null"}, environment, input);
}

std::string write_config(const TempDir& dir, const Simulator& sim, const std::string& token,
                         const std::string& extra_api_yaml) {
  std::string yaml = "servers:\n  default:\n    api:\n      domain: example.org\n"
                     "      base_url: " + sim.base_url() + "\n"
                     "      auth_token:\n        token: " + token + "\n" + extra_api_yaml;
  return dir.write("config.yml", yaml);
}

std::vector<const rapidjson::Value*> requests_to(const rapidjson::Document& requests,
                                                 const std::string& prefix) {
  std::vector<const rapidjson::Value*> matches;
  for (const auto& request : requests.GetArray()) {
    const auto path = request.FindMember("path");
    if (path != request.MemberEnd() && path->value.IsString() &&
        std::string(path->value.GetString()).rfind(prefix, 0) == 0) {
      matches.push_back(&request);
    }
  }
  return matches;
}

std::size_t table_rows(const std::string& text) {
  std::size_t rows = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    if (text.compare(start, 2, "| ") == 0) ++rows;
    const auto end = text.find('\n', start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return rows;
}

}  // namespace e2e
