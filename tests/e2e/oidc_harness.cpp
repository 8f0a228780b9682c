// OpenID provider, background processes and loopback helpers for e2e tests.
#include "oidc_harness.h"

#include <rapidjson/document.h>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace e2e {
namespace {

int spawn_logged(const std::string& program, const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env, const std::string& dir) {
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const auto environment = environment_with(env);
  std::vector<char*> envp;
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (dir + "/stdout").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (dir + "/stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  const int spawned =
      posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + program);
  return pid;
}

std::string make_temp_dir(const char* prefix) {
  std::string pattern = std::string("/tmp/") + prefix + "-XXXXXX";
  const char* made = mkdtemp(pattern.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  return made;
}

}  // namespace

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

OidcProvider::OidcProvider(const std::vector<std::string>& extra_args) {
  dir_ = make_temp_dir("oidc-provider");
  std::vector<std::string> args{std::string(OIDC_TEST_DIR) + "/provider.mjs", "--port-file",
                                dir_ + "/port"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn_logged("node", args, {}, dir_);
  for (int attempt = 0; attempt < 400; ++attempt) {
    std::ifstream in(dir_ + "/port");
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("oidc provider exited: " + read_text(dir_ + "/stderr"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("oidc provider did not start: " + read_text(dir_ + "/stderr"));
}

OidcProvider::~OidcProvider() { stop_process(pid_, dir_); }

std::string OidcProvider::hook(const std::string& method, const std::string& path,
                               const std::string& body) const {
  return send_json(method, issuer() + path, body.empty() && method != "GET" ? "{}" : body);
}

int OidcProvider::token_requests(const std::string& grant_type) const {
  rapidjson::Document stats;
  const auto body = hook("GET", "/_test/stats");
  stats.Parse(body.c_str());
  if (!stats.IsObject() || !stats.HasMember("token_requests")) {
    throw std::runtime_error("unexpected /_test/stats answer: " + body);
  }
  const auto& requests = stats["token_requests"];
  const auto found = requests.FindMember(grant_type.c_str());
  return found == requests.MemberEnd() ? 0 : found->value.GetInt();
}

BackgroundProcess::BackgroundProcess(const std::string& program,
                                     const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env) {
  dir_ = make_temp_dir("matrixctl-bg");
  pid_ = spawn_logged(program, args, env, dir_);
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0 && exit_code_ < 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string BackgroundProcess::out() const { return read_text(dir_ + "/stdout"); }
std::string BackgroundProcess::err() const { return read_text(dir_ + "/stderr"); }

bool BackgroundProcess::wait_for_err(const std::string& text, int timeout_seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (err().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int BackgroundProcess::wait(int timeout_seconds) {
  if (exit_code_ >= 0) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  close(fd);
  return port;
}

std::map<std::string, std::string> browser_env(const TempDir& home, const std::string& user) {
  return {
      {"HOME", home.path()},
      {"XDG_CONFIG_HOME", home.path() + "/config"},
      {"XDG_DATA_HOME", home.path() + "/data"},
      {"XDG_CACHE_HOME", home.path() + "/cache"},
      {"MATRIXCTL_PLUGIN_PATH", ""},
      {"BROWSER", std::string(OIDC_TEST_DIR) + "/browser"},
      {"MATRIXCTL_TEST_USER", user},
      {"MATRIXCTL_TEST_BROWSER_LOG", home.path() + "/browser.log"},
  };
}

std::unique_ptr<BackgroundProcess> matrixctl_background(
    const TempDir& home, const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env) {
  auto environment = browser_env(home, "admin");
  for (const auto& [key, value] : env) environment[key] = value;
  return std::make_unique<BackgroundProcess>(MATRIXCTL_BINARY, args, environment);
}

std::string write_oidc_config(const TempDir& dir, const Simulator& sim,
                              const OidcProvider& provider, int redirect_port,
                              const std::string& extra_oidc_yaml) {
  const std::string yaml =
      "servers:\n  default:\n    api:\n      domain: example.org\n"
      "      base_url: " + sim.base_url() + "\n"
      "      auth_type: oidc\n"
      "      auth_oidc:\n"
      "        client_id: " + std::string(kClientId) + "\n"
      "        client_secret: " + std::string(kClientSecret) + "\n"
      "        discovery_endpoint: " + provider.issuer() + "/.well-known/openid-configuration\n"
      "        redirect_port: " + std::to_string(redirect_port) + "\n" + extra_oidc_yaml;
  return dir.write("config.yml", yaml);
}

std::vector<std::string> mas_sim_args(const OidcProvider& provider) {
  return {"--admin-token", "unused-in-mas-mode", "--users", "30", "--rooms", "3",
          "--mas-issuer", provider.issuer(), "--mas-client-id", "0000000000000000000SYNAPSE",
          "--mas-client-secret", "synapse-introspection-secret"};
}

bool parse_device_prompt(const std::string& err, const OidcProvider& provider, std::string& uri,
                         std::string& code) {
  uri = provider.issuer() + "/link";
  const std::string marker = uri + "?user_code=";
  const auto at = err.find(marker);
  if (at == std::string::npos) return false;
  const auto start = at + marker.size();
  code = err.substr(start, err.find_first_of(" \n,)", start) - start);
  return !code.empty();
}

int browser_runs(const TempDir& home) {
  const std::string log = read_text(home.path() + "/browser.log");
  int runs = 0;
  std::size_t at = 0;
  while ((at = log.find("final page text:", at)) != std::string::npos) {
    ++runs;
    ++at;
  }
  return runs;
}


}  // namespace e2e
