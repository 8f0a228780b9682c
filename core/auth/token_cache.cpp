// Token cache file handling: JSON format, atomic writes, corruption
// recovery and the cross-process lock.
#include "token_cache.h"

#include "../diagnostics.h"
#include "../log.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace matrixctl::auth {
namespace {

constexpr int kFormatVersion = 1;

[[noreturn]] void fail_io(const std::filesystem::path& path, const std::string& action) {
  throw Error(MCTL_ERR_FAILED, path.string(), action + " failed: " + std::strerror(errno),
              "check the permissions of the directory and the free disk space");
}

bool newer_format(const rapidjson::Document& document) {
  if (!document.IsObject()) return false;
  const auto version = document.FindMember("version");
  return version != document.MemberEnd() && version->value.IsInt() &&
         version->value.GetInt() > kFormatVersion;
}

std::string string_member(const rapidjson::Value& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString()) return {};
  return {found->value.GetString(), found->value.GetStringLength()};
}

int64_t integer_member(const rapidjson::Value& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return 0;
  return found->value.GetInt64();
}

CachedTokens entry_from_json(const rapidjson::Value& object) {
  CachedTokens tokens;
  tokens.server = string_member(object, "server");
  tokens.base_url = string_member(object, "base_url");
  tokens.auth_type = string_member(object, "auth_type");
  tokens.issuer = string_member(object, "issuer");
  tokens.client_id = string_member(object, "client_id");
  tokens.access_token = string_member(object, "access_token");
  tokens.refresh_token = string_member(object, "refresh_token");
  tokens.id_token = string_member(object, "id_token");
  tokens.scope = string_member(object, "scope");
  tokens.expires_at = integer_member(object, "expires_at");
  tokens.obtained_at = integer_member(object, "obtained_at");
  return tokens;
}

void write_entry(rapidjson::PrettyWriter<rapidjson::StringBuffer>& writer,
                 const CachedTokens& tokens) {
  writer.StartObject();
  const std::pair<const char*, const std::string*> strings[] = {
      {"server", &tokens.server},       {"base_url", &tokens.base_url},
      {"auth_type", &tokens.auth_type}, {"issuer", &tokens.issuer},
      {"client_id", &tokens.client_id}, {"access_token", &tokens.access_token},
      {"refresh_token", &tokens.refresh_token}, {"id_token", &tokens.id_token},
      {"scope", &tokens.scope}};
  for (const auto& [key, value] : strings) {
    if (value->empty()) continue;
    writer.Key(key);
    writer.String(value->c_str(), static_cast<rapidjson::SizeType>(value->size()));
  }
  writer.Key("expires_at");
  writer.Int64(tokens.expires_at);
  writer.Key("obtained_at");
  writer.Int64(tokens.obtained_at);
  writer.EndObject();
}

}  // namespace

std::string CacheKey::text() const {
  return "server=" + server + " base_url=" + base_url + " auth_type=" + auth_type +
         " issuer=" + issuer + " client_id=" + client_id;
}

std::filesystem::path default_cache_path() {
  std::filesystem::path base;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && data[0] == '/') {
    base = data;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    throw Error(MCTL_ERR_CONFIG, "token cache", "neither XDG_DATA_HOME nor HOME is set",
                "set HOME or XDG_DATA_HOME to a directory matrixctl may write to");
  }
  return base / "matrixctl" / "oidc_token_cache.json";
}

void ensure_private_directory(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw Error(MCTL_ERR_FAILED, dir.string(), "cannot be created: " + error.message(),
                "check the permissions of its parent directory");
  }
  if (::chmod(dir.c_str(), 0700) != 0) fail_io(dir, "chmod 0700");
}

TokenCache::TokenCache(std::filesystem::path file) : file_(std::move(file)) {}

std::string TokenCache::read_text() {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<CachedTokens> TokenCache::load(const CacheKey& key) {
  const std::string text = read_text();
  if (text.empty()) return std::nullopt;
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  const bool valid = !document.HasParseError() && document.IsObject() &&
                     document.HasMember("entries") && document["entries"].IsObject();
  if (!valid) {
    const auto aside = file_.string() + ".corrupt";
    std::error_code error;
    std::filesystem::rename(file_, aside, error);
    if (!corrupt_reported_) {
      warn("the token cache " + file_.string() + " could not be parsed" +
           (error ? "" : "; it was moved to " + aside) + " and is treated as empty" +
           " (log in again with `matrixctl auth login` where needed)");
      corrupt_reported_ = true;
    }
    return std::nullopt;
  }
  if (newer_format(document)) {
    if (!corrupt_reported_) {
      warn("the token cache " + file_.string() + " was written by a newer matrixctl (format " +
           std::to_string(document["version"].GetInt()) + "); it is left as it is and not used");
      corrupt_reported_ = true;
    }
    return std::nullopt;
  }

  const auto& entries = document["entries"];
  const auto found = entries.FindMember(key.text().c_str());
  if (found == entries.MemberEnd() || !found->value.IsObject()) return std::nullopt;
  auto tokens = entry_from_json(found->value);
  if (tokens.access_token.empty() && tokens.refresh_token.empty()) return std::nullopt;
  return tokens;
}

void TokenCache::write_text(const std::string& text) {
  ensure_private_directory(file_.parent_path());
  std::string temp = file_.string() + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail_io(file_.parent_path(), "creating a temporary file");
  // mkstemp creates the file 0600 whatever the umask; fchmod keeps it so
  // even where mkstemp differs.
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }

  ok = ok && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), file_.c_str()) != 0) {
    const int rename_errno = ok ? errno : saved_errno;
    ::unlink(temp.c_str());
    errno = rename_errno;
    fail_io(file_, "writing the token cache");
  }
  // The rename is durable only once the directory entry is on disk.
  const int dir_fd = ::open(file_.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  log::debug("auth", "token cache written to " + file_.string());
}

void TokenCache::store(const CacheKey& key, const CachedTokens& tokens) {
  rapidjson::Document document;
  const std::string text = read_text();
  document.Parse(text.c_str(), text.size());
  if (!document.HasParseError() && newer_format(document)) {
    throw Error(MCTL_ERR_FAILED, file_.string(),
                "was written by a newer matrixctl, so this version does not overwrite it",
                "use the newer matrixctl, or move the file aside to start a new cache");
  }
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("entries") ||
      !document["entries"].IsObject()) {
    document.SetObject();
    document.AddMember("entries", rapidjson::Value(rapidjson::kObjectType),
                       document.GetAllocator());
  }

  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("version");
  writer.Int(kFormatVersion);
  writer.Key("entries");
  writer.StartObject();
  const std::string own_key = key.text();
  for (const auto& entry : document["entries"].GetObject()) {
    const std::string name(entry.name.GetString(), entry.name.GetStringLength());
    if (name == own_key || !entry.value.IsObject()) continue;
    writer.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
    write_entry(writer, entry_from_json(entry.value));
  }
  writer.Key(own_key.c_str(), static_cast<rapidjson::SizeType>(own_key.size()));
  write_entry(writer, tokens);
  writer.EndObject();
  writer.EndObject();
  write_text(std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

void TokenCache::remove(const CacheKey& key) {
  const std::string text = read_text();
  if (text.empty()) return;
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  if (!document.HasParseError() && newer_format(document)) return;
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("entries") ||
      !document["entries"].IsObject()) {
    return;
  }
  if (!document["entries"].RemoveMember(key.text().c_str())) return;
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  document.Accept(writer);
  write_text(std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

CacheLock::CacheLock(const std::filesystem::path& cache_file) {
  ensure_private_directory(cache_file.parent_path());
  const std::string lock_file = cache_file.string() + ".lock";
  fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) fail_io(lock_file, "opening the lock file");
  // Most waits last milliseconds (another process storing a refreshed
  // token), so the notice appears only when the wait is noticeable.
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    ::usleep(20000);
  }
  std::fprintf(stderr,
               "matrixctl: waiting for another matrixctl process that is logging in or "
               "refreshing tokens (lock %s)\n",
               lock_file.c_str());
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) fail_io(lock_file, "locking");
  }
}

CacheLock::~CacheLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace matrixctl::auth
