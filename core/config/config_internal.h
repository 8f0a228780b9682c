// Pieces of the config loader shared by its source files and its tests.
#pragma once

#include <yaml-cpp/yaml.h>

#include "config.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::config::detail {

// Maps byte offsets of the templated text back to the file as written, so
// that errors point at what the user sees in an editor.
class SourceMap {
 public:
  // Text copied unchanged starts at `rendered_begin` (from `original_begin`).
  void add_literal(std::size_t rendered_begin, std::size_t original_begin);
  // A `{{ ... }}` written at `original_begin` was replaced by its value.
  void add_substitution(std::size_t rendered_begin, std::size_t original_begin);
  std::size_t original_offset(std::size_t rendered_offset) const;

 private:
  struct Segment {
    std::size_t rendered_begin;
    std::size_t original_begin;
    bool literal;
  };
  std::vector<Segment> segments_;
};

// One config file as read, templated and parsed.
struct SourceFile {
  std::string path;
  std::string text;      // as written, including a UTF-8 byte order mark
  std::string rendered;  // after templating, without the byte order mark
  SourceMap map;
  YAML::Node root;

  // "path:line:column", 1-based, for a byte offset into `text`. The column
  // counts UTF-8 characters, as editors do.
  std::string position_of_offset(std::size_t original_offset) const;
  // The same for a yaml-cpp mark, whose `pos` is a byte offset into
  // `rendered`. A null mark yields the path alone.
  std::string position(const YAML::Mark& mark) const;
};

// Reads the file into `text`. Throws Error(MCTL_ERR_CONFIG) when it cannot.
SourceFile read_source_file(const std::string& path);

// Parses `file.rendered` into `file.root`, where an empty file becomes an
// empty map. Throws Error(MCTL_ERR_CONFIG) with the position of a syntax error.
void parse_yaml(SourceFile& file);

// Values of the predefined template variables that come from the system.
struct TemplateSystem {
  std::string home;
  std::string user;
};
// $HOME (else the password database) and $LOGNAME, $USER (else the
// password database), like Python's Path.home() and getpass.getuser().
TemplateSystem system_template_values();

// Renders the `{{ name }}` variables of `file.text` into `file.rendered` and
// parses it, in two passes like MatrixCtl so that a value can refer to other
// values of the same file. Throws Error(MCTL_ERR_CONFIG) for any other
// Jinja construct and for undefined variables.
void render_and_parse(SourceFile& file, const TemplateSystem& system);

// Checks the parsed file against the schema and normalizes it in place:
// expands YAML merge keys, moves legacy api.token/api.username below
// api.auth_token, lower-cases choices and strips trailing slashes from
// base_url. Unknown and deprecated keys add warnings, and a wrong type throws
// Error(MCTL_ERR_CONFIG) with the position.
void validate(SourceFile& file, std::vector<std::string>& warnings,
              std::map<std::string, ServerIssues>& servers);

// Whether a value under this key name must never be shown: token, password,
// secret, client_secret and names ending in _token, _secret or _password.
bool is_secret_key(std::string_view key);

// Compact JSON of a YAML node. Plain scalars become JSON null, booleans and
// numbers where YAML 1.2 would resolve them so, and quoted scalars stay strings.
// With `redact_secrets`, values below secret keys are replaced by
// log::redacted().
std::string to_json(const YAML::Node& node, bool redact_secrets);

// The node at a dotted key below `node`, where digits index into lists. An
// invalid node when absent.
YAML::Node find_node(const YAML::Node& node, std::string_view dotted_key);

// Optimal string alignment distance: edits, with a swap of two neighbours
// counted as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a likely
// typo, for "did you mean" hints.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace matrixctl::config::detail
