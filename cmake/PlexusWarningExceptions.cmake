#[[
Per-file exceptions to the warning flags of the top-level CMakeLists.txt, all in one place, each
with its reason. Remove an entry once its file no longer needs it.

plexus_warning_exception(TARGET <target> [SOURCES <file>...] WARNINGS <warning>... [SILENCE]
                         REASON <text>)

SOURCES are relative to the target's source directory (or absolute); without SOURCES the
exception covers every source of the target (used for test executables). By default the warnings
stay visible but do not fail a PLEXUS_WERROR build (-Wno-error=<warning>); SILENCE turns them
off (-Wno-<warning>), for compiler false positives only.
#]]
function(plexus_warning_exception)
    cmake_parse_arguments(PARSE_ARGV 0 ARG "SILENCE" "TARGET;REASON" "SOURCES;WARNINGS")
    if(NOT ARG_TARGET OR NOT ARG_WARNINGS OR NOT ARG_REASON)
        message(FATAL_ERROR "plexus_warning_exception: TARGET, WARNINGS and REASON are required")
    endif()
    if(NOT TARGET ${ARG_TARGET})
        return()
    endif()
    get_target_property(source_dir ${ARG_TARGET} SOURCE_DIR)
    set(options "")
    foreach(warning IN LISTS ARG_WARNINGS)
        if(ARG_SILENCE)
            list(APPEND options -Wno-${warning})
        else()
            list(APPEND options -Wno-error=${warning})
        endif()
    endforeach()
    if(NOT ARG_SOURCES)
        target_compile_options(${ARG_TARGET} PRIVATE ${options})
        return()
    endif()
    foreach(source IN LISTS ARG_SOURCES)
        cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${source_dir})
        set_property(SOURCE ${source} TARGET_DIRECTORY ${ARG_TARGET}
            APPEND PROPERTY COMPILE_OPTIONS ${options})
    endforeach()
endfunction()

# GCC 12 at -O2/-O3 warns that std::string's inlined memcpy "may overlap" (-Wrestrict from
# <bits/char_traits.h>) where a literal is inserted in front of, or assigned to, a string. The
# strings involved never overlap: a known false positive of GCC 12's string inlining. Only the
# files where it fires are listed.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(restrict_reason "GCC 12 false positive in <bits/char_traits.h> (see above)")
    plexus_warning_exception(TARGET plexus_core SILENCE WARNINGS restrict
        SOURCES src/record/RunRecordCsv.cpp REASON ${restrict_reason})
    plexus_warning_exception(TARGET plexus_widgets SILENCE WARNINGS restrict
        SOURCES src/analysis/AnalysisJob.cpp src/analysis/ConditionTable.cpp REASON ${restrict_reason})
    # RecordingProbe::contactName (an inline "c" + std::to_string(c)) inlined into the worker.
    plexus_warning_exception(TARGET plexus_gui SILENCE WARNINGS restrict
        SOURCES SimulationWorker.cpp REASON ${restrict_reason})
    plexus_warning_exception(TARGET TestLiveLeaks SILENCE WARNINGS restrict
        SOURCES ${PROJECT_SOURCE_DIR}/app/gui/SimulationWorker.cpp REASON ${restrict_reason})
    foreach(test TestSources TestJsonInput TestFileClaims TestAlphaSynapses TestCoupling
                 TestLiveSimulation TestTraceRules)
        plexus_warning_exception(TARGET ${test} SILENCE WARNINGS restrict
            REASON ${restrict_reason})
    endforeach()
endif()

# Tests build options and specs from brace lists that leave the later fields to their defaults
# (`{std::nullopt, threads, false}`): the warnings stay visible, the test build passes.
foreach(test TestModelConformance TestAdex TestHh TestIzhikevich TestMemoryNeuron
             TestStimulusModels TestTwoCompartment TestCoupling TestPlasticity TestPlasticityRules
             TestTraceRules)
    plexus_warning_exception(TARGET ${test} WARNINGS missing-field-initializers
        REASON "brace lists that leave the later fields to their defaults")
endforeach()
