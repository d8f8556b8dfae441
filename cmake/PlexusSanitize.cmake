#[[
PLEXUS_SANITIZE selects a sanitizer for the whole build (scripts/test.sh --sanitize uses both):

  address   AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer; any undefined
            behaviour aborts the test that triggers it
  thread    ThreadSanitizer

Empty (the default) builds without instrumentation. Every target is instrumented, so a plugin
module loaded at run time matches the executable that loads it.
#]]
set(PLEXUS_SANITIZE "" CACHE STRING "Sanitizer for the whole build: address, thread or empty")
set_property(CACHE PLEXUS_SANITIZE PROPERTY STRINGS "" address thread)

if(PLEXUS_SANITIZE STREQUAL "address")
    set(PLEXUS_SANITIZE_FLAGS
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
elseif(PLEXUS_SANITIZE STREQUAL "thread")
    set(PLEXUS_SANITIZE_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT PLEXUS_SANITIZE STREQUAL "")
    message(FATAL_ERROR "PLEXUS_SANITIZE is '${PLEXUS_SANITIZE}': use address, thread or leave it empty")
endif()

if(PLEXUS_SANITIZE_FLAGS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        message(FATAL_ERROR "PLEXUS_SANITIZE needs GCC or Clang, not ${CMAKE_CXX_COMPILER_ID}")
    endif()
    message(STATUS "Sanitizer build: ${PLEXUS_SANITIZE} (${PLEXUS_SANITIZE_FLAGS})")
    add_compile_options(${PLEXUS_SANITIZE_FLAGS})
    add_link_options(${PLEXUS_SANITIZE_FLAGS})
endif()
