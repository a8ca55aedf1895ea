# Helpers that give every project target the same warnings, definitions and aliases.

function(nqi_set_compile_options target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
        -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
    if(NQI_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII
        QT_USE_QSTRINGBUILDER QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH)
endfunction()

# nqi_add_library(<name> SOURCES ... ) -> target nqi_<name>, alias Nqi::<name>
function(nqi_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
    add_library(nqi_${name} STATIC ${ARG_SOURCES})
    add_library(Nqi::${name} ALIAS nqi_${name})
    target_include_directories(nqi_${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    set_target_properties(nqi_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    nqi_set_compile_options(nqi_${name})
endfunction()

# nqi_add_test(<name> SOURCES ... LIBRARIES ... LABELS ... [TIMEOUT s])
function(nqi_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    nqi_set_compile_options(${name})
    target_compile_definitions(${name} PRIVATE
        NQI_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        NQI_BINARY_DIR="${PROJECT_BINARY_DIR}"
        NQI_SHARED_DIR="${NQI_SHARED_DIR}"
        NQI_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8")
endfunction()

# Sanitizers for every target (docs/fuzzing.md): NQI_SANITIZE is a list for -fsanitize=, e.g.
# "address;undefined" (the "asan" preset). Undefined behaviour then stops the program at its first
# report. With NQI_FUZZ every target is also instrumented for libFuzzer's coverage feedback.
set(NQI_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address;undefined")
if(NQI_SANITIZE OR NQI_FUZZ)
    set(nqi_sanitizers ${NQI_SANITIZE})
    if(NQI_FUZZ)
        if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
            message(FATAL_ERROR "NQI_FUZZ needs clang: configure with CXX=clang++-14 "
                "(the \"fuzz\" preset does)")
        endif()
        list(APPEND nqi_sanitizers fuzzer-no-link)
    endif()
    list(REMOVE_DUPLICATES nqi_sanitizers)
    list(JOIN nqi_sanitizers "," nqi_sanitizer_list)
    add_compile_options(-fsanitize=${nqi_sanitizer_list} -fno-omit-frame-pointer)
    if("undefined" IN_LIST nqi_sanitizers)
        add_compile_options(-fno-sanitize-recover=undefined)
    endif()
    # Fortified libc calls check in the library, where AddressSanitizer does not see them.
    add_compile_options(-U_FORTIFY_SOURCE)
    list(REMOVE_ITEM nqi_sanitizers fuzzer-no-link)
    if(nqi_sanitizers)
        list(JOIN nqi_sanitizers "," nqi_sanitizer_list)
        add_link_options(-fsanitize=${nqi_sanitizer_list})
    endif()
endif()
