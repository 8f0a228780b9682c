// Access tokens for the selected server: from the token cache when it has a
// usable one, else from the auth-provider plugin that the server's
// `auth_type` names, which is loaded only when a request needs a token.
#pragma once

#include "../auth/token_cache.h"
#include "../http/client.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

struct TokenCopy;

namespace matrixctl::plugins {
struct AuthProvider;
}

namespace matrixctl::host {

class Session;

class AuthManager : public http::TokenSource {
 public:
  explicit AuthManager(Session& session);
  ~AuthManager() override;

  std::string access_token() override;
  bool refresh_after_unauthorized() override;
  std::string describe() const override;
  std::string forbidden_hint() const override;

  // `auth login`: a new interactive login, replacing cached tokens.
  void login(const std::string& flow);
  // `auth logout`: revoke at the provider when it can, drop this entry.
  void logout();
  // JSON for `auth status`, without any token.
  std::string info_json();

 private:
  class HeldLock {
   public:
    explicit HeldLock(AuthManager& manager);
    ~HeldLock();
    HeldLock(const HeldLock&) = delete;
    HeldLock& operator=(const HeldLock&) = delete;

   private:
    AuthManager& manager_;
    std::optional<auth::CacheLock> lock_;
  };

  const plugins::AuthProvider& provider();
  auth::CacheKey cache_key() const;
  auth::TokenCache& cache();
  bool usable(const auth::CachedTokens& tokens) const;
  // Runs the provider's acquire and stores the result.
  void acquire(const std::string& flow);
  // Runs the provider's refresh; false when the refresh token was rejected.
  bool refresh(const std::string& refresh_token);
  void adopt(const TokenCopy& tokens);

  Session& session_;
  const plugins::AuthProvider* provider_ = nullptr;
  std::optional<auth::TokenCache> cache_;
  std::optional<auth::CachedTokens> current_;
  bool cacheable_ = false;
  bool held_lock_ = false;
};

}  // namespace matrixctl::host
