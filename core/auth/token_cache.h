// The token cache: tokens from auth providers, stored per server, issuer
// and client in ${XDG_DATA_HOME}/matrixctl/oidc_token_cache.json (mode 0600
// in a 0700 directory), written atomically and serialised across matrixctl
// processes with a lock file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace matrixctl::auth {

struct CachedTokens {
  std::string server;       // -S name, for `auth status`
  std::string base_url;
  std::string auth_type;
  std::string issuer;
  std::string client_id;
  std::string access_token;
  std::string refresh_token;
  std::string id_token;
  std::string scope;
  int64_t expires_at = 0;   // Unix seconds; 0 = does not expire
  int64_t obtained_at = 0;  // Unix seconds
};

// Everything that identifies whose tokens an entry holds. Two servers, or
// one server with another issuer or client, never share an entry.
struct CacheKey {
  std::string server;
  std::string base_url;
  std::string auth_type;
  std::string issuer;
  std::string client_id;

  std::string text() const;
};

// ${XDG_DATA_HOME:-$HOME/.local/share}/matrixctl/oidc_token_cache.json
std::filesystem::path default_cache_path();

class TokenCache {
 public:
  explicit TokenCache(std::filesystem::path file);

  const std::filesystem::path& file() const { return file_; }

  // The entry for `key`, or std::nullopt. A file that cannot be parsed is
  // moved aside to "<file>.corrupt", reported once, and read as empty.
  std::optional<CachedTokens> load(const CacheKey& key);
  // Replaces the entry for `key`, keeping every other entry. The new file is
  // written to a temporary file in the same directory, fsynced and renamed
  // over the cache, so a crash leaves the old cache intact.
  void store(const CacheKey& key, const CachedTokens& tokens);
  // Removes the entry for `key` only.
  void remove(const CacheKey& key);

 private:
  std::string read_text();
  void write_text(const std::string& text);

  std::filesystem::path file_;
  bool corrupt_reported_ = false;
};

// An exclusive advisory lock on "<cache file>.lock", held from construction
// to destruction. Blocks while another matrixctl process holds it, after
// printing why it waits.
class CacheLock {
 public:
  explicit CacheLock(const std::filesystem::path& cache_file);
  ~CacheLock();
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

 private:
  int fd_ = -1;
};

// Creates `dir` and its parents if needed and makes `dir` mode 0700.
void ensure_private_directory(const std::filesystem::path& dir);

}  // namespace matrixctl::auth
