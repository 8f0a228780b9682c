# matrixctl_sdk_add_plugin(<target> SOURCES <file>...): builds a third-party
# plugin against the installed SDK the way the bundled plugins are built.
# The version script is next to this file, both in the source tree and when
# installed. Its path is stored here because, inside the function,
# CMAKE_CURRENT_LIST_DIR is the caller's folder.
set(MATRIXCTL_SDK_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/matrixctl-plugin.map)

function(matrixctl_sdk_add_plugin target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "matrixctl_sdk_add_plugin(${target}): unknown arguments "
                        "${ARG_UNPARSED_ARGUMENTS}; use SOURCES <file>...")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "matrixctl_sdk_add_plugin(${target}): no SOURCES given")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE matrixctl::sdk)
  # The core looks for <name>.so, so there is no "lib" prefix.
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Everything must resolve against libc and libstdc++ at link time, and the
  # version script hides libstdc++'s STB_GNU_UNIQUE objects that hidden
  # visibility alone still exports.
  target_link_options(${target} PRIVATE -Wl,--no-undefined
    -Wl,--version-script=${MATRIXCTL_SDK_VERSION_SCRIPT})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${MATRIXCTL_SDK_VERSION_SCRIPT})
endfunction()
