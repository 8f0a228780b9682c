// Unit tests of `{{ name }}` templating in config files.
#include <gtest/gtest.h>

#include "config/config_test_support.h"

namespace matrixctl::config {
namespace {

using test_support::load_text;
using test_support::load_text_failure;
using test_support::ScopedEnv;
using test_support::TempDir;

std::string file_in(const TempDir& dir) { return (dir.path() / "config.yml").string(); }

TEST(ConfigTemplate, HomeVariable) {
  TempDir dir;
  const ScopedEnv home("HOME", "/home/alice");
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    ansible:\n"
                                  "      playbook: {{ home }}/playbooks/synapse.yml\n"
                                  "    synapse: {playbook: \"{{home}}/src/synapse\"}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.lookup("ansible.playbook"), "/home/alice/playbooks/synapse.yml");
  EXPECT_EQ(server.lookup("synapse.playbook"), "/home/alice/src/synapse");
}

TEST(ConfigTemplate, HomeCannotBeOverridden) {
  TempDir dir;
  const ScopedEnv home("HOME", "/home/alice");
  const Config config = load_text(
      dir, "home: /elsewhere\nservers: {default: {ansible: {playbook: '{{ home }}/p.yml'}}}\n");
  EXPECT_EQ(config.server("default").lookup("ansible.playbook"), "/home/alice/p.yml");
}

TEST(ConfigTemplate, PredefinedVariables) {
  TempDir dir;
  const ScopedEnv user("LOGNAME", "alice");
  const Config config =
      load_text(dir,
                "servers:\n"
                "  default:\n"
                "    api:\n"
                "      concurrent_limit: {{ default_api_concurrent_limit }}\n"
                "      auth_oidc:\n"
                "        discovery_endpoint: https://auth.example.org/{{ well_knowen_path }}\n"
                "    ssh: {port: {{ default_ssh_port }}, user: '{{ user }}'}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.lookup("api.concurrent_limit"), "4");
  EXPECT_EQ(server.lookup("api.auth_oidc.discovery_endpoint"),
            "https://auth.example.org/.well-known/openid-configuration");
  EXPECT_EQ(server.lookup("ssh.port"), "22");
  EXPECT_EQ(server.lookup("ssh.user"), "alice");
}

TEST(ConfigTemplate, FileValueReference) {
  TempDir dir;
  const Config config =
      load_text(dir,
                "servers:\n"
                "  default:\n"
                "    api:\n"
                "      domain: example.org\n"
                "      base_url: https://{{servers.default.api.domain}}:8448\n"
                "      auth_token: {username: '@admin:{{ servers.default.api.domain }}'}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.base_url(), "https://example.org:8448");
  EXPECT_EQ(server.lookup("api.auth_token.username"), "@admin:example.org");
}

TEST(ConfigTemplate, CustomTopLevelVariable) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "vars:\n"
                                  "  hosts: [alpha.example.org, beta.example.org]\n"
                                  "servers:\n"
                                  "  default: {api: {domain: '{{ vars.hosts.1 }}'}}\n");
  EXPECT_EQ(config.server("default").domain(), "beta.example.org");
}

TEST(ConfigTemplate, StatementRejected) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      domain: {% if prod %}example.org{% endif %}\n");
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:15");
  EXPECT_EQ(failure.reason, "Jinja statement `{% if prod %}` is not supported");
  EXPECT_NE(failure.hint.find("{{ home }}"), std::string::npos);
}

TEST(ConfigTemplate, CommentFilterAndExpressionRejected) {
  TempDir dir;
  EXPECT_EQ(load_text_failure(dir, "servers: {} {# note #}\n").reason,
            "Jinja comment `{# note #}` is not supported");
  EXPECT_EQ(load_text_failure(dir, "a: {{ home | upper }}\n").reason,
            "Jinja filter `{{ home | upper }}` is not supported");
  EXPECT_EQ(load_text_failure(dir, "a: {{ 1 + 2 }}\n").reason,
            "Jinja expression `{{ 1 + 2 }}` is not supported");
  EXPECT_EQ(load_text_failure(dir, "a: {{- home }}\n").reason,
            "Jinja whitespace control in `{{- home }}` is not supported");
  EXPECT_EQ(load_text_failure(dir, "a: {{ home\n").reason,
            "`{{` is not closed by `}}` on the same line");
}

TEST(ConfigTemplate, UndefinedVariableRejected) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir,
                        "servers:\n"
                        "  default:\n"
                        "    ansible: {playbook: '{{ playbook_dir }}/site.yml'}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":3:26");
  EXPECT_EQ(failure.reason, "undefined template variable `playbook_dir`");
}

TEST(ConfigTemplate, MisspeltFileValueSuggested) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir,
                        "servers:\n"
                        "  default:\n"
                        "    api:\n"
                        "      domain: example.org\n"
                        "      base_url: https://{{ servers.default.api.domian }}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":5:25");
  EXPECT_EQ(
      failure.reason,
      "undefined template variable `servers.default.api.domian`: `servers.default.api` has no key "
      "`domian`");
  EXPECT_EQ(failure.hint, "did you mean `servers.default.api.domain`?");
}

TEST(ConfigTemplate, MapCannotBeSubstituted) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir, "servers:\n  default: {api: {domain: '{{ servers.default }}'}}\n");
  EXPECT_EQ(failure.reason, "template variable `servers.default` is a map, not a single value");
}

TEST(ConfigTemplate, ChainedReferenceRejected) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir,
                        "vars: {a: example.org, b: 'matrix.{{ vars.a }}'}\n"
                        "servers: {default: {api: {domain: '{{ vars.b }}'}}}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":2:36");
  EXPECT_NE(failure.reason.find("`vars.b` refers to a value that is itself built"),
            std::string::npos);
}

TEST(ConfigTemplate, SecretNotEchoedInError) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      auth_token:\n"
                                            "        token: 'pa{%ss9'\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":5:19");
  EXPECT_EQ(failure.reason,
            "the value of `token` contains a Jinja template that cannot be rendered");
  EXPECT_EQ(format(failure).find("ss9"), std::string::npos);
}

TEST(ConfigTemplate, SecretInFlowMapNotEchoed) {
  TempDir dir;
  const Failure failure = load_text_failure(
      dir, "servers: {default: {api: {domain: a.org, auth_token: {token: 'x{{ s3cret }}'}}}}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":1:64");
  EXPECT_EQ(failure.reason,
            "the value of `token` contains a Jinja template that cannot be rendered");
  EXPECT_EQ(format(failure).find("s3cret"), std::string::npos);

  const Failure with_colon =
      load_text_failure(dir, "servers: {default: {database: {synapse_password: 'a:b{% c0de'}}}\n");
  EXPECT_EQ(with_colon.reason,
            "the value of `synapse_password` contains a Jinja template that cannot be rendered");
  EXPECT_EQ(format(with_colon).find("c0de"), std::string::npos);
}

TEST(ConfigTemplate, YamlCommentsNotRendered) {
  TempDir dir;
  const ScopedEnv home("HOME", "/home/alice");
  const Config config = load_text(dir,
                                  "# {% if old %} kept from the Jinja days\n"
                                  "servers:\n"
                                  "  default:\n"
                                  "    api:\n"
                                  "      domain: example.org  # {{ not_a_variable }}\n"
                                  "      auth_token: {token: 'a #{{ home }}'}\n");
  EXPECT_EQ(config.server("default").domain(), "example.org");
  // A `#` inside quotes starts no comment, so the variable is rendered.
  EXPECT_EQ(config.server("default").lookup("api.auth_token.token"), "a #/home/alice");
}

TEST(ConfigTemplate, SyntaxErrorColumnAfterSubstitution) {
  TempDir dir;
  const ScopedEnv home("HOME", "/a/rather/long/home/directory");
  // The rendered line is longer than the written one, but the reported
  // column must still point into the file as written.
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    ansible: {playbook: {{ home }}/x, bad: [}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":3:45");
  EXPECT_EQ(failure.reason, "illegal flow end");
}

}  // namespace
}  // namespace matrixctl::config
