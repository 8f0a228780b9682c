// Turns one JSON value into the text of a table cell.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

namespace matrixctl::output {

// Applies an MCTL_FMT_* format: null and absent as "-", booleans as Yes/No,
// localparts, UTC times and 1024-based sizes.
std::string format_cell(const rapidjson::Value* value, uint32_t format);

// Number of characters a UTF-8 string takes in a terminal, counting each
// code point as one column.
std::size_t display_width(const std::string& text);

}  // namespace matrixctl::output
