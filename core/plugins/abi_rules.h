// The rules that decide whether a plugin's ABI version and structs can be
// used by this host.
#pragma once

#include <matrixctl/sdk.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace matrixctl::plugins {

// Empty when a plugin built for `major.minor` is compatible with this host:
// same major, minor not newer. Otherwise the reason, naming both versions.
std::string abi_incompatibility(uint32_t plugin_major, uint32_t plugin_minor);

// Copies the part of a plugin struct that the plugin declared in its
// leading `struct_size`; fields beyond it read as zero (absent). Returns
// false when the declared size is too small to hold even `struct_size`.
template <typename T>
bool read_declared(const void* source, T& out) {
  std::memset(&out, 0, sizeof out);
  if (source == nullptr) return false;
  uint32_t declared = 0;
  std::memcpy(&declared, source, sizeof declared);
  if (declared < sizeof(uint32_t)) return false;
  std::memcpy(&out, source, declared < sizeof out ? declared : sizeof out);
  out.struct_size = declared;
  return true;
}

// Address of element `index` of a plugin array whose element size is the
// plugin's own struct_size, which differs from ours across minors.
inline const void* element_at(const void* first, uint32_t element_size, uint32_t index) {
  return static_cast<const char*>(first) + static_cast<std::size_t>(element_size) * index;
}

}  // namespace matrixctl::plugins
