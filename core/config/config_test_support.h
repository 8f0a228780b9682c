// Temporary config files and environment overrides for the config unit tests.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "config/config.h"
#include "diagnostics.h"

namespace matrixctl::config::test_support {

// A directory below the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "matrixctl-config-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to `name` below the directory and returns the full path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

inline LoadOptions only_file(const std::filesystem::path& file) {
  LoadOptions options;
  options.search_paths = {file};
  return options;
}

// Loads `text` as the only config file.
inline Config load_text(const TempDir& dir, const std::string& text) {
  return Config::load(only_file(dir.write("config.yml", text)));
}

// The failure of a load that must fail, or an empty Failure with a test
// failure when the load succeeds.
// A mistake inside a server's section is reported when that server is
// selected, so every server is selected in turn.
inline Failure load_failure(const LoadOptions& options) {
  try {
    const Config config = Config::load(options);
    for (const auto& name : config.server_names()) config.server(name);
  } catch (const Error& error) {
    return error.failure();
  }
  ADD_FAILURE() << "the config loaded without an error";
  return {};
}

inline Failure load_text_failure(const TempDir& dir, const std::string& text) {
  return load_failure(only_file(dir.write("config.yml", text)));
}

}  // namespace matrixctl::config::test_support
