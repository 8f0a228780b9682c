// Tests of the authorization URL and the form and query encoding it uses.
#include "authorization_code_flow.h"
#include "form.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_oidc {
namespace {

AuthorizationRequest sample_request(const std::string& endpoint) {
  AuthorizationRequest request;
  request.endpoint = endpoint;
  request.client_id = "01J44RKQYM4G3TNVANTMTDYTX6";
  request.redirect_uri = "http://127.0.0.1:8298/callback";
  request.scope = "openid urn:matrix:org.matrix.msc2967.client:api:* urn:synapse:admin:*";
  request.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  request.state = "state-1";
  request.nonce = "nonce-1";
  return request;
}

TEST(AuthorizationUrl, EndpointWithoutQueryGetsQuestionMark) {
  const std::string url =
      build_authorization_url(sample_request("https://mas.example.org/authorize"));
  EXPECT_EQ(url,
            "https://mas.example.org/authorize?response_type=code"
            "&client_id=01J44RKQYM4G3TNVANTMTDYTX6"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8298%2Fcallback"
            "&scope=openid%20urn%3Amatrix%3Aorg.matrix.msc2967.client%3Aapi%3A%2A%20"
            "urn%3Asynapse%3Aadmin%3A%2A"
            "&state=state-1&nonce=nonce-1"
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            "&code_challenge_method=S256");
}

TEST(AuthorizationUrl, EndpointWithQueryGetsAmpersand) {
  const std::string url =
      build_authorization_url(sample_request("https://idp.example.org/authorize?tenant=a%20b"));
  EXPECT_EQ(url.rfind("https://idp.example.org/authorize?tenant=a%20b&response_type=code&", 0), 0u)
      << url;
  EXPECT_EQ(url.find('?'), url.rfind('?'));
}

TEST(AuthorizationUrl, TrailingQuestionMarkIsReused) {
  const std::string url = build_authorization_url(sample_request("https://idp.example.org/auth?"));
  EXPECT_EQ(url.rfind("https://idp.example.org/auth?response_type=code&", 0), 0u) << url;
}

TEST(AuthorizationUrl, ValuesRoundTripThroughQueryParsing) {
  AuthorizationRequest request = sample_request("https://idp.example.org/authorize");
  request.state = "a b&c=d+e/f?";
  const std::string url = build_authorization_url(request);
  const FormFields fields = parse_query(url.substr(url.find('?') + 1));
  ASSERT_NE(find_field(fields, "state"), nullptr);
  EXPECT_EQ(*find_field(fields, "state"), "a b&c=d+e/f?");
  ASSERT_NE(find_field(fields, "scope"), nullptr);
  EXPECT_EQ(*find_field(fields, "scope"), request.scope);
  ASSERT_NE(find_field(fields, "redirect_uri"), nullptr);
  EXPECT_EQ(*find_field(fields, "redirect_uri"), request.redirect_uri);
}

TEST(Form, AppendQueryKeepsFragmentLast) {
  EXPECT_EQ(append_query("https://a.example/x#frag", {{"k", "v"}}), "https://a.example/x?k=v#frag");
}

TEST(Form, DecodesPlusAndPercentEscapes) {
  EXPECT_EQ(form_decode("a+b%20c%2Bd"), "a b c+d");
  EXPECT_EQ(form_decode("100%"), "100%");
  EXPECT_EQ(form_decode("%zz%4"), "%zz%4");
}

TEST(Form, EncodesFormBody) {
  EXPECT_EQ(encode_form({{"grant_type", "authorization_code"}, {"code", "a/b c"}}),
            "grant_type=authorization_code&code=a%2Fb%20c");
}

TEST(Form, ParsesQueryWithEmptyAndValuelessFields) {
  const FormFields fields = parse_query("a=1&&b&c=");
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(fields[1], (std::pair<std::string, std::string>{"b", ""}));
  EXPECT_EQ(fields[2], (std::pair<std::string, std::string>{"c", ""}));
}

}  // namespace
}  // namespace matrixctl::auth_oidc
