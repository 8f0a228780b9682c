// Reading config files, parsing their YAML and mapping positions back to the file as written.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "config/config_internal.h"
#include "diagnostics.h"

namespace matrixctl::config::detail {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Offset just past the closing quote of the quoted scalar opening at
// `begin`, or npos when the text ends first.
std::size_t find_closing_quote(const std::string& text, std::size_t begin) {
  const char quote = text[begin];
  std::size_t i = begin + 1;
  while (i < text.size()) {
    const char c = text[i];
    if (quote == '"' && c == '\\') {
      i += 2;
    } else if (quote == '\'' && c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
      i += 2;
    } else if (c == quote) {
      return i + 1;
    } else {
      ++i;
    }
  }
  return std::string::npos;
}

// yaml-cpp 0.7.0 accepts a quoted scalar that is never closed and reads it
// up to the end of the file, silently swallowing every key after it. This
// walk finds such scalars and reports them as the syntax errors they are.
void check_quotes_closed(const SourceFile& file, const YAML::Node& node) {
  if (node.IsScalar() && node.Tag() == "!") {
    const YAML::Mark mark = node.Mark();
    const auto pos = static_cast<std::size_t>(mark.pos);
    if (mark.pos >= 0 && pos < file.rendered.size() &&
        (file.rendered[pos] == '"' || file.rendered[pos] == '\'') &&
        find_closing_quote(file.rendered, pos) == std::string::npos) {
      throw Error(MCTL_ERR_CONFIG, file.position(mark),
                  std::string("unclosed quote: the string starting with ") + file.rendered[pos] +
                      " here runs to the end of the file",
                  "add the closing quote");
    }
    return;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) check_quotes_closed(file, item);
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      check_quotes_closed(file, entry.first);
      check_quotes_closed(file, entry.second);
    }
  }
}

// yaml-cpp 0.7.0 registers an anchor before its map is complete, so
// `a: &x {b: *x}` yields a map that contains itself. Every later walk would
// recurse forever, so such a file is rejected here.
// An alias node carries the mark of its anchor, so `where` is the mark of
// the key whose value is the node, or of the list that contains it.
void check_no_cycles(const SourceFile& file, const YAML::Node& node, const YAML::Mark& where,
                     std::vector<YAML::Node>& ancestors) {
  if (!node.IsMap() && !node.IsSequence()) return;
  for (const auto& ancestor : ancestors) {
    if (ancestor.is(node)) {
      throw Error(MCTL_ERR_CONFIG, file.position(where),
                  "an alias here refers to a map or list that contains the alias itself",
                  "anchor a separate map and refer to that one");
    }
  }
  ancestors.push_back(node);
  if (node.IsSequence()) {
    for (const auto& item : node) check_no_cycles(file, item, node.Mark(), ancestors);
  } else {
    for (const auto& entry : node) {
      check_no_cycles(file, entry.second, entry.first.Mark(), ancestors);
    }
  }
  ancestors.pop_back();
}

}  // namespace

void SourceMap::add_literal(std::size_t rendered_begin, std::size_t original_begin) {
  segments_.push_back({rendered_begin, original_begin, true});
}

void SourceMap::add_substitution(std::size_t rendered_begin, std::size_t original_begin) {
  segments_.push_back({rendered_begin, original_begin, false});
}

std::size_t SourceMap::original_offset(std::size_t rendered_offset) const {
  // Segments are appended in rendering order, so they are sorted. When an
  // empty substitution shares its start with the literal after it, the
  // literal is the later entry and wins.
  const Segment* match = nullptr;
  for (const auto& segment : segments_) {
    if (segment.rendered_begin > rendered_offset) break;
    match = &segment;
  }
  if (match == nullptr) return rendered_offset;
  if (!match->literal) return match->original_begin;
  return match->original_begin + (rendered_offset - match->rendered_begin);
}

std::string SourceFile::position_of_offset(std::size_t original_offset) const {
  std::size_t offset = std::min(original_offset, text.size());
  // yaml-cpp reports errors found at the end of input after the final line
  // break, but the end of the last line is more useful to the reader.
  if (offset == text.size() && offset > 0 && text[offset - 1] == '\n') --offset;

  std::size_t line = 1;
  std::size_t line_begin = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_begin = i + 1;
    }
  }
  std::size_t column = 1;
  for (std::size_t i = line_begin; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) ++column;  // skip UTF-8 continuation bytes
  }
  // An editor does not show the byte order mark as a character.
  if (line == 1 && text.starts_with(kByteOrderMark) && offset >= kByteOrderMark.size()) --column;
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string SourceFile::position(const YAML::Mark& mark) const {
  if (mark.pos < 0) return path;
  return position_of_offset(map.original_offset(static_cast<std::size_t>(mark.pos)));
}

SourceFile read_source_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw Error(MCTL_ERR_CONFIG, path, "is a directory, not a config file",
                "point to the YAML file itself");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(MCTL_ERR_CONFIG, path, std::string("cannot be read: ") + std::strerror(errno),
                "check that the file exists and that you may read it");
  }
  SourceFile file;
  file.path = path;
  file.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw Error(MCTL_ERR_CONFIG, path, "reading failed", "check the file and the disk");
  }
  return file;
}

void parse_yaml(SourceFile& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(file.rendered);
  } catch (const YAML::ParserException& e) {
    throw Error(MCTL_ERR_CONFIG, file.position(e.mark), e.msg,
                "fix the YAML syntax there (indentation, quotes, `key: value` pairs)");
  }
  if (documents.size() > 1) {
    throw Error(MCTL_ERR_CONFIG, file.position(documents[1].Mark()),
                "a second YAML document starts here, after a `---` line",
                "keep one document per config file and remove the extra `---`");
  }
  if (documents.empty() || documents[0].IsNull()) {
    file.root.reset(YAML::Node(YAML::NodeType::Map));
    return;
  }
  file.root.reset(documents[0]);
  std::vector<YAML::Node> ancestors;
  check_no_cycles(file, file.root, file.root.Mark(), ancestors);
  check_quotes_closed(file, file.root);
  if (!file.root.IsMap()) {
    throw Error(MCTL_ERR_CONFIG, file.position(file.root.Mark()),
                "the top level of a config file must be a map of keys",
                "start the file with `servers:` and indent each server below it");
  }
}

}  // namespace matrixctl::config::detail
