// Tests of http::Client: request building, error mapping, 429 retries and
// the single 401 refresh, over a fake transport.
#include "client.h"

#include "../log.h"
#include "fake_transport.h"
#include "rate_limit.h"
#include "url_text.h"

#include <gtest/gtest.h>

namespace matrixctl::http {
namespace {

using testing::FakeTokens;
using testing::FakeTransport;
using testing::json_response;

class ClientTest : public ::testing::Test {
 protected:
  Client make_client() {
    ClientOptions options;
    options.base_url = "http://127.0.0.1:8008";
    options.server_name = "default";
    options.max_rate_limit_retries = 3;
    options.max_retry_wait_ms = 10000;
    Client client(options, [this]() -> Transport& { return transport; }, &tokens);
    client.set_sleep([this](long milliseconds) { waits.push_back(milliseconds); });
    return client;
  }

  static ApiRequest get(std::string path) {
    ApiRequest request;
    request.path = std::move(path);
    return request;
  }

  Failure failure_for(long status, std::string body, std::string content_type = "application/json") {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.content_type = std::move(content_type);
    ApiRequest request = get("/_synapse/admin/v2/users/%40a%3Ax");
    request.query = {{"access_token", "secret"}};
    return make_client().describe_failure(request, response);
  }

  FakeTransport transport;
  FakeTokens tokens;
  std::vector<long> waits;
};

TEST_F(ClientTest, BuildsUrlAndHeaders) {
  transport.handler = [](const Request&) { return json_response(200, "{}"); };
  Client client = make_client();
  ApiRequest request = get("/_synapse/admin/v1/rooms/%21r%3Ax");
  request.method = "PUT";
  request.query = {{"q", "a b"}};
  request.body = "{\"x\":1}";
  request.has_body = true;
  client.send(request);

  ASSERT_EQ(transport.sent.size(), 1u);
  const Request& sent = transport.sent[0];
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url, "http://127.0.0.1:8008/_synapse/admin/v1/rooms/%21r%3Ax?q=a%20b");
  EXPECT_EQ(sent.body, "{\"x\":1}");
  EXPECT_TRUE(sent.has_body);
  EXPECT_EQ(sent.timeout_ms, 30000);
  const auto& headers = sent.headers;
  EXPECT_NE(std::find(headers.begin(), headers.end(), "Authorization: Bearer syt_secret_token"),
            headers.end());
  EXPECT_NE(std::find(headers.begin(), headers.end(), "Content-Type: application/json"),
            headers.end());
}

TEST_F(ClientTest, NoAuthHeaderWhenNotWanted) {
  transport.handler = [](const Request&) { return json_response(200, "{}"); };
  Client client = make_client();
  ApiRequest request = get("https://auth.example.org/oauth2/token");
  request.absolute_url = true;
  request.send_auth = false;
  client.send(request);
  ASSERT_EQ(transport.sent.size(), 1u);
  EXPECT_EQ(transport.sent[0].url, "https://auth.example.org/oauth2/token");
  for (const auto& header : transport.sent[0].headers) {
    EXPECT_EQ(header.find("Authorization"), std::string::npos) << header;
    EXPECT_EQ(header.find("Content-Type"), std::string::npos) << header;
  }
}

TEST_F(ClientTest, TransportLoadedOnFirstUseOnly) {
  int loads = 0;
  ClientOptions options;
  options.base_url = "http://127.0.0.1:8008";
  Client client(options, [&]() -> Transport& {
    ++loads;
    return transport;
  }, &tokens);
  EXPECT_EQ(loads, 0);
  transport.handler = [](const Request&) { return json_response(200, "{}"); };
  client.send(get("/a"));
  client.send(get("/b"));
  EXPECT_EQ(loads, 1);
}

TEST_F(ClientTest, Unauthorized401UnknownToken) {
  const Failure failure =
      failure_for(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed.","soft_logout":false})");
  EXPECT_EQ(failure.status, MCTL_ERR_AUTH);
  EXPECT_EQ(failure.subject, "GET /_synapse/admin/v2/users/%40a%3Ax");
  EXPECT_EQ(failure.reason,
            "the homeserver rejected the access token (401 M_UNKNOWN_TOKEN: Invalid access token passed.)");
  EXPECT_NE(failure.hint.find("api.auth_token.token of server \"default\""), std::string::npos);
  EXPECT_NE(failure.hint.find("new access token"), std::string::npos);
}

TEST_F(ClientTest, Unauthorized401MissingToken) {
  const Failure failure =
      failure_for(401, R"({"errcode":"M_MISSING_TOKEN","error":"Missing access token"})");
  EXPECT_EQ(failure.status, MCTL_ERR_AUTH);
  EXPECT_NE(failure.reason.find("401 M_MISSING_TOKEN"), std::string::npos);
}

TEST_F(ClientTest, Forbidden403NotAdmin) {
  const Failure failure =
      failure_for(403, R"({"errcode":"M_FORBIDDEN","error":"You are not a server admin"})");
  EXPECT_EQ(failure.status, MCTL_ERR_AUTH);
  EXPECT_EQ(failure.reason,
            "the access token is valid, but its user is not a server admin (403 M_FORBIDDEN: "
            "You are not a server admin)");
  EXPECT_NE(failure.hint.find("urn:synapse:admin:*"), std::string::npos);
}

TEST_F(ClientTest, Forbidden403OtherReason) {
  const Failure failure = failure_for(
      403, R"({"errcode":"M_FORBIDDEN","error":"Shutdown of this room is forbidden"})");
  EXPECT_EQ(failure.status, MCTL_ERR_SERVER);
  EXPECT_EQ(failure.reason, "403 M_FORBIDDEN: Shutdown of this room is forbidden");
}

TEST_F(ClientTest, NotFound404Unrecognized) {
  const Failure failure =
      failure_for(404, R"({"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"})");
  EXPECT_EQ(failure.status, MCTL_ERR_SERVER);
  EXPECT_EQ(failure.reason,
            "the homeserver does not know this endpoint (404 M_UNRECOGNIZED: Unrecognized request)");
  EXPECT_NE(failure.hint.find("api.base_url"), std::string::npos);
  EXPECT_NE(failure.hint.find("/_synapse/admin"), std::string::npos);
}

TEST_F(ClientTest, NotFound404UserNotFound) {
  const Failure failure = failure_for(404, R"({"errcode":"M_NOT_FOUND","error":"User not found"})");
  EXPECT_EQ(failure.status, MCTL_ERR_SERVER);
  EXPECT_EQ(failure.reason, "404 M_NOT_FOUND: User not found");
}

TEST_F(ClientTest, BadGateway502Html) {
  const Failure failure = failure_for(
      502,
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
      "Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      "text/html");
  EXPECT_EQ(failure.status, MCTL_ERR_SERVER);
  EXPECT_EQ(failure.reason,
            "HTTP 502 with a non-JSON body (text/html): 502 Bad Gateway 502 Bad Gateway "
            "nginx/1.22.1");
  EXPECT_NE(failure.hint.find("reverse proxy"), std::string::npos);
}

TEST_F(ClientTest, LongHtmlExcerptIsCut) {
  const std::string body = "<p>" + std::string(500, 'x') + "</p>";
  const Failure failure = failure_for(503, body, "text/html");
  const std::string prefix = "HTTP 503 with a non-JSON body (text/html): ";
  ASSERT_EQ(failure.reason.rfind(prefix, 0), 0u);
  EXPECT_LE(failure.reason.size() - prefix.size(), 103u);
  EXPECT_EQ(failure.reason.substr(failure.reason.size() - 3), "...");
}

TEST_F(ClientTest, ServerError500Json) {
  const Failure failure =
      failure_for(500, R"({"errcode":"M_UNKNOWN","error":"Internal server error"})");
  EXPECT_EQ(failure.status, MCTL_ERR_SERVER);
  EXPECT_EQ(failure.reason, "500 M_UNKNOWN: Internal server error");
  EXPECT_EQ(failure.subject, "GET /_synapse/admin/v2/users/%40a%3Ax");
}

TEST_F(ClientTest, SendCheckedThrowsDescribedFailure) {
  transport.handler = [](const Request&) {
    return json_response(404, R"({"errcode":"M_NOT_FOUND","error":"Room not found"})");
  };
  Client client = make_client();
  try {
    client.send_checked(get("/_synapse/admin/v1/rooms/%21r%3Ax"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
    EXPECT_STREQ(error.what(),
                 "matrixctl: error: GET /_synapse/admin/v1/rooms/%21r%3Ax: 404 M_NOT_FOUND: Room "
                 "not found");
  }
}

TEST_F(ClientTest, RateLimitWaitsRetryAfterMs) {
  int calls = 0;
  transport.handler = [&](const Request&) {
    if (++calls == 1) {
      Response response = json_response(
          429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":1500})");
      response.retry_after = "2";
      return response;
    }
    return json_response(200, R"({"ok":true})");
  };
  Client client = make_client();
  const Response response = client.send(get("/_synapse/admin/v1/server_version"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(waits, (std::vector<long>{1500}));
}

TEST_F(ClientTest, RateLimitGivesUpAfterMaxRetries) {
  transport.handler = [](const Request&) {
    return json_response(
        429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":null})");
  };
  Client client = make_client();
  try {
    client.send_checked(get("/_synapse/admin/v1/server_version"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
    EXPECT_NE(error.failure().reason.find("rate limited the request 4 times"), std::string::npos);
    EXPECT_NE(error.failure().hint.find("override_ratelimit"), std::string::npos);
  }
  EXPECT_EQ(transport.sent.size(), 4u);
  // No retry_after_ms and no Retry-After: back-off from 500 ms.
  EXPECT_EQ(waits, (std::vector<long>{500, 1000, 2000}));
}

TEST_F(ClientTest, RateLimitNotRetriedWhenDisabled) {
  transport.handler = [](const Request&) {
    return json_response(429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests"})");
  };
  Client client = make_client();
  ApiRequest request = get("/x");
  request.retry_rate_limited = false;
  EXPECT_EQ(client.send(request).status, 429);
  EXPECT_EQ(transport.sent.size(), 1u);
  EXPECT_TRUE(waits.empty());
}

TEST(RateLimitWait, Sources) {
  Response response;
  response.body = R"({"retry_after_ms":250})";
  response.retry_after = "3";
  EXPECT_EQ(rate_limit_wait_ms(response, 0, 60000), 250);
  response.body = R"({"retry_after_ms":null})";
  EXPECT_EQ(rate_limit_wait_ms(response, 0, 60000), 3000);
  response.retry_after = "Wed, 21 Oct 2015 07:28:00 GMT";
  EXPECT_EQ(rate_limit_wait_ms(response, 2, 60000), 2000);
  response.body = "<html>";
  response.retry_after.clear();
  EXPECT_EQ(rate_limit_wait_ms(response, 0, 60000), 500);
}

TEST(RateLimitWait, CappedByMaximum) {
  Response response;
  response.body = R"({"retry_after_ms":3600000})";
  EXPECT_EQ(rate_limit_wait_ms(response, 0, 60000), 60000);
  response.body.clear();
  EXPECT_EQ(rate_limit_wait_ms(response, 30, 60000), 60000);
}

TEST_F(ClientTest, UnauthorizedRefreshesOnce) {
  tokens.refreshed_token = "syt_new_token";
  transport.handler = [](const Request& request) {
    for (const auto& header : request.headers) {
      if (header == "Authorization: Bearer syt_new_token") return json_response(200, "{}");
    }
    return json_response(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Token expired"})");
  };
  Client client = make_client();
  EXPECT_EQ(client.send(get("/x")).status, 200);
  EXPECT_EQ(tokens.refresh_calls, 1);
  EXPECT_EQ(transport.sent.size(), 2u);
}

TEST_F(ClientTest, UnauthorizedRetriesAtMostOnce) {
  tokens.refreshed_token = "syt_still_bad";
  transport.handler = [](const Request&) {
    return json_response(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Token expired"})");
  };
  Client client = make_client();
  EXPECT_EQ(client.send(get("/x")).status, 401);
  EXPECT_EQ(tokens.refresh_calls, 1);
  EXPECT_EQ(transport.sent.size(), 2u);
}

TEST_F(ClientTest, UnauthorizedWithoutRefresh) {
  transport.handler = [](const Request&) {
    return json_response(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Token expired"})");
  };
  Client client = make_client();
  EXPECT_EQ(client.send(get("/x")).status, 401);
  EXPECT_EQ(tokens.refresh_calls, 1);
  EXPECT_EQ(transport.sent.size(), 1u);
}

TEST_F(ClientTest, NetworkFailureNamesUrlAndHint) {
  transport.handler = [](const Request&) {
    Response response;
    response.error = "Failed to connect to 127.0.0.1 port 8008: Connection refused";
    return response;
  };
  Client client = make_client();
  ApiRequest request = get("/_synapse/admin/v2/users");
  request.query = {{"access_token", "secret"}};
  try {
    client.send(request);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_NETWORK);
    EXPECT_EQ(error.failure().subject, "GET http://127.0.0.1:8008/_synapse/admin/v2/users");
    EXPECT_NE(error.failure().reason.find("Connection refused"), std::string::npos);
    EXPECT_NE(error.failure().hint.find("api.base_url"), std::string::npos);
    EXPECT_NE(error.failure().hint.find("api.domain"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("secret"), std::string::npos);
  }
}

TEST_F(ClientTest, TimeoutSaysSo) {
  transport.handler = [](const Request&) {
    Response response;
    response.error = "Operation timed out after 5000 milliseconds with 0 bytes received";
    response.timed_out = true;
    return response;
  };
  Client client = make_client();
  ApiRequest request = get("/slow");
  request.timeout_ms = 5000;
  try {
    client.send(request);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_NETWORK);
    EXPECT_NE(error.failure().reason.find("timed out"), std::string::npos);
    EXPECT_NE(error.failure().reason.find("5000 ms"), std::string::npos);
  }
}

TEST(UrlText, RedactsSecretQueryValues) {
  EXPECT_EQ(redact_query_secrets("https://x/a?user=b&access_token=abc&password=hunter2"),
            "https://x/a?user=b&access_token=<redacted, 3 chars>&password=<redacted, 7 chars>");
  EXPECT_EQ(redact_query_secrets("https://x/a"), "https://x/a");
  EXPECT_EQ(without_query("https://x/a?access_token=abc#f"), "https://x/a");
}

TEST_F(ClientTest, DebugLogRedactsTokenAndBody) {
  transport.handler = [](const Request&) { return json_response(200, "{}"); };
  Client client = make_client();
  ApiRequest request = get("/_synapse/admin/v1/users/%40a%3Ax/password");
  request.method = "POST";
  request.query = {{"access_token", "query_secret"}};
  request.body = R"({"new_password":"hunter2"})";
  request.has_body = true;

  log::configure(true, "http");
  ::testing::internal::CaptureStderr();
  client.send(request);
  const std::string logged = ::testing::internal::GetCapturedStderr();
  log::configure(false);

  EXPECT_NE(logged.find("POST http://127.0.0.1:8008/_synapse/admin/v1/users/%40a%3Ax/password"),
            std::string::npos)
      << logged;
  EXPECT_NE(logged.find("-> 200"), std::string::npos) << logged;
  EXPECT_NE(logged.find("Authorization: Bearer <redacted, 16 chars>"), std::string::npos) << logged;
  EXPECT_NE(logged.find("<26 bytes body not shown>"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("syt_secret_token"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("hunter2"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("query_secret"), std::string::npos) << logged;
}

}  // namespace
}  // namespace matrixctl::http
