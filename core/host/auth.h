// Gets the access token for the selected server from the auth-provider
// plugin that its `auth_type` names; loads that plugin only when a request
// needs a token.
#pragma once

#include "../http/client.h"

#include <optional>
#include <string>

struct TokenCopy;

namespace matrixctl::host {

class Session;

class AuthManager : public http::TokenSource {
 public:
  explicit AuthManager(Session& session);
  ~AuthManager() override;

  std::string access_token() override;
  bool refresh_after_unauthorized() override;
  std::string describe() const override;

 private:
  std::string auth_type() const;

  Session& session_;
  std::optional<std::string> access_token_;
  std::optional<std::string> refresh_token_;
};

}  // namespace matrixctl::host
