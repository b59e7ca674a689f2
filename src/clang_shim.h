/*
 * clang_shim.h - libclang, loaded when the first header is parsed.
 *
 * libclang pulls in libLLVM, whose loading and relocation cost 0.1-0.3 s
 * before main() runs. A check of the spec alone, --help or --list-rules
 * needs none of it, so the library is opened with dlopen() on first use.
 * Every libclang function the walker calls is listed here once: the file
 * redirects its name to a pointer filled by clang_shim_load(). The binary
 * does not link libclang, so a function missing here fails the link.
 * Only the hdr_*.c files include this header.
 */
#ifndef OAC_CLANG_SHIM_H
#define OAC_CLANG_SHIM_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#define OAC_CLANG_FUNCS(X)                                                                         \
	X(clang_CompilationDatabase_dispose)                                                       \
	X(clang_CompilationDatabase_fromDirectory)                                                 \
	X(clang_CompilationDatabase_getCompileCommands)                                            \
	X(clang_CompileCommand_getArg)                                                             \
	X(clang_CompileCommand_getDirectory)                                                       \
	X(clang_CompileCommand_getNumArgs)                                                         \
	X(clang_CompileCommands_dispose)                                                           \
	X(clang_CompileCommands_getCommand)                                                        \
	X(clang_CompileCommands_getSize)                                                           \
	X(clang_Cursor_Evaluate)                                                                   \
	X(clang_Cursor_getArgument)                                                                \
	X(clang_Cursor_getNumArguments)                                                            \
	X(clang_Cursor_getOffsetOfField)                                                           \
	X(clang_Cursor_getRawCommentText)                                                          \
	X(clang_Cursor_isAnonymousRecordDecl)                                                      \
	X(clang_Cursor_isBitField)                                                                 \
	X(clang_Cursor_isNull)                                                                     \
	X(clang_EvalResult_dispose)                                                                \
	X(clang_EvalResult_getAsLongLong)                                                          \
	X(clang_EvalResult_getAsStr)                                                               \
	X(clang_EvalResult_getKind)                                                                \
	X(clang_File_isEqual)                                                                      \
	X(clang_Location_isFromMainFile)                                                           \
	X(clang_Location_isInSystemHeader)                                                         \
	X(clang_Type_getModifiedType)                                                              \
	X(clang_Type_getNamedType)                                                                 \
	X(clang_Type_getOffsetOf)                                                                  \
	X(clang_Type_getSizeOf)                                                                    \
	X(clang_Type_getValueType)                                                                 \
	X(clang_Type_visitFields)                                                                  \
	X(clang_createIndex)                                                                       \
	X(clang_disposeDiagnostic)                                                                 \
	X(clang_disposeIndex)                                                                      \
	X(clang_disposeString)                                                                     \
	X(clang_disposeTranslationUnit)                                                            \
	X(clang_equalCursors)                                                                      \
	X(clang_equalTypes)                                                                        \
	X(clang_getArrayElementType)                                                               \
	X(clang_getArraySize)                                                                      \
	X(clang_getCString)                                                                        \
	X(clang_getCanonicalType)                                                                  \
	X(clang_getClangVersion)                                                                   \
	X(clang_getCursorDefinition)                                                               \
	X(clang_getCursorExtent)                                                                   \
	X(clang_getCursorKind)                                                                     \
	X(clang_getCursorLexicalParent)                                                            \
	X(clang_getCursorLocation)                                                                 \
	X(clang_getCursorReferenced)                                                               \
	X(clang_getCursorSemanticParent)                                                           \
	X(clang_getCursorSpelling)                                                                 \
	X(clang_getCursorType)                                                                     \
	X(clang_getCursorUSR)                                                                      \
	X(clang_getDiagnostic)                                                                     \
	X(clang_getDiagnosticLocation)                                                             \
	X(clang_getDiagnosticSeverity)                                                             \
	X(clang_getDiagnosticSpelling)                                                             \
	X(clang_getEnumConstantDeclUnsignedValue)                                                  \
	X(clang_getEnumConstantDeclValue)                                                          \
	X(clang_getEnumDeclIntegerType)                                                            \
	X(clang_getExpansionLocation)                                                              \
	X(clang_getFieldDeclBitWidth)                                                              \
	X(clang_getFile)                                                                           \
	X(clang_getFileContents)                                                                   \
	X(clang_getFileName)                                                                       \
	X(clang_getInclusions)                                                                     \
	X(clang_getLocationForOffset)                                                              \
	X(clang_getNullCursor)                                                                     \
	X(clang_getNumDiagnostics)                                                                 \
	X(clang_getPointeeType)                                                                    \
	X(clang_getRangeEnd)                                                                       \
	X(clang_getRangeStart)                                                                     \
	X(clang_getSpellingLocation)                                                               \
	X(clang_getTranslationUnitCursor)                                                          \
	X(clang_getTypeDeclaration)                                                                \
	X(clang_getTypeSpelling)                                                                   \
	X(clang_getTypedefDeclUnderlyingType)                                                      \
	X(clang_getTypedefName)                                                                    \
	X(clang_hashCursor)                                                                        \
	X(clang_isConstQualifiedType)                                                              \
	X(clang_isCursorDefinition)                                                                \
	X(clang_isExpression)                                                                      \
	X(clang_isInvalidDeclaration)                                                              \
	X(clang_parseTranslationUnit2)                                                             \
	X(clang_visitChildren)

#define OAC_CLANG_DECLARE(f) extern __typeof__(f) *oac_p_##f;
OAC_CLANG_FUNCS(OAC_CLANG_DECLARE)
#undef OAC_CLANG_DECLARE

#define clang_CompilationDatabase_dispose       (*oac_p_clang_CompilationDatabase_dispose)
#define clang_CompilationDatabase_fromDirectory (*oac_p_clang_CompilationDatabase_fromDirectory)
#define clang_CompilationDatabase_getCompileCommands                                               \
	(*oac_p_clang_CompilationDatabase_getCompileCommands)
#define clang_CompileCommand_getArg            (*oac_p_clang_CompileCommand_getArg)
#define clang_CompileCommand_getDirectory      (*oac_p_clang_CompileCommand_getDirectory)
#define clang_CompileCommand_getNumArgs        (*oac_p_clang_CompileCommand_getNumArgs)
#define clang_CompileCommands_dispose          (*oac_p_clang_CompileCommands_dispose)
#define clang_CompileCommands_getCommand       (*oac_p_clang_CompileCommands_getCommand)
#define clang_CompileCommands_getSize          (*oac_p_clang_CompileCommands_getSize)
#define clang_Cursor_getOffsetOfField          (*oac_p_clang_Cursor_getOffsetOfField)
#define clang_Cursor_getRawCommentText         (*oac_p_clang_Cursor_getRawCommentText)
#define clang_Cursor_isAnonymousRecordDecl     (*oac_p_clang_Cursor_isAnonymousRecordDecl)
#define clang_Cursor_isBitField                (*oac_p_clang_Cursor_isBitField)
#define clang_Cursor_isNull                    (*oac_p_clang_Cursor_isNull)
#define clang_Location_isInSystemHeader        (*oac_p_clang_Location_isInSystemHeader)
#define clang_Type_getModifiedType             (*oac_p_clang_Type_getModifiedType)
#define clang_Type_getNamedType                (*oac_p_clang_Type_getNamedType)
#define clang_Type_getOffsetOf                 (*oac_p_clang_Type_getOffsetOf)
#define clang_Type_getSizeOf                   (*oac_p_clang_Type_getSizeOf)
#define clang_Type_getValueType                (*oac_p_clang_Type_getValueType)
#define clang_createIndex                      (*oac_p_clang_createIndex)
#define clang_disposeDiagnostic                (*oac_p_clang_disposeDiagnostic)
#define clang_disposeIndex                     (*oac_p_clang_disposeIndex)
#define clang_disposeString                    (*oac_p_clang_disposeString)
#define clang_disposeTranslationUnit           (*oac_p_clang_disposeTranslationUnit)
#define clang_getArrayElementType              (*oac_p_clang_getArrayElementType)
#define clang_getArraySize                     (*oac_p_clang_getArraySize)
#define clang_getCString                       (*oac_p_clang_getCString)
#define clang_getCanonicalType                 (*oac_p_clang_getCanonicalType)
#define clang_getClangVersion                  (*oac_p_clang_getClangVersion)
#define clang_getCursorDefinition              (*oac_p_clang_getCursorDefinition)
#define clang_getCursorExtent                  (*oac_p_clang_getCursorExtent)
#define clang_getCursorKind                    (*oac_p_clang_getCursorKind)
#define clang_getCursorLexicalParent           (*oac_p_clang_getCursorLexicalParent)
#define clang_getCursorLocation                (*oac_p_clang_getCursorLocation)
#define clang_getCursorSemanticParent          (*oac_p_clang_getCursorSemanticParent)
#define clang_getCursorSpelling                (*oac_p_clang_getCursorSpelling)
#define clang_getCursorType                    (*oac_p_clang_getCursorType)
#define clang_getCursorUSR                     (*oac_p_clang_getCursorUSR)
#define clang_getDiagnostic                    (*oac_p_clang_getDiagnostic)
#define clang_getDiagnosticLocation            (*oac_p_clang_getDiagnosticLocation)
#define clang_getDiagnosticSeverity            (*oac_p_clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling            (*oac_p_clang_getDiagnosticSpelling)
#define clang_getEnumConstantDeclUnsignedValue (*oac_p_clang_getEnumConstantDeclUnsignedValue)
#define clang_getEnumConstantDeclValue         (*oac_p_clang_getEnumConstantDeclValue)
#define clang_getEnumDeclIntegerType           (*oac_p_clang_getEnumDeclIntegerType)
#define clang_getExpansionLocation             (*oac_p_clang_getExpansionLocation)
#define clang_getFieldDeclBitWidth             (*oac_p_clang_getFieldDeclBitWidth)
#define clang_getFileContents                  (*oac_p_clang_getFileContents)
#define clang_getFileName                      (*oac_p_clang_getFileName)
#define clang_getInclusions                    (*oac_p_clang_getInclusions)
#define clang_getLocationForOffset             (*oac_p_clang_getLocationForOffset)
#define clang_getNumDiagnostics                (*oac_p_clang_getNumDiagnostics)
#define clang_getPointeeType                   (*oac_p_clang_getPointeeType)
#define clang_getRangeEnd                      (*oac_p_clang_getRangeEnd)
#define clang_getRangeStart                    (*oac_p_clang_getRangeStart)
#define clang_getTranslationUnitCursor         (*oac_p_clang_getTranslationUnitCursor)
#define clang_getTypeDeclaration               (*oac_p_clang_getTypeDeclaration)
#define clang_getTypeSpelling                  (*oac_p_clang_getTypeSpelling)
#define clang_getTypedefDeclUnderlyingType     (*oac_p_clang_getTypedefDeclUnderlyingType)
#define clang_getTypedefName                   (*oac_p_clang_getTypedefName)
#define clang_isConstQualifiedType             (*oac_p_clang_isConstQualifiedType)
#define clang_isCursorDefinition               (*oac_p_clang_isCursorDefinition)
#define clang_isInvalidDeclaration             (*oac_p_clang_isInvalidDeclaration)
#define clang_parseTranslationUnit2            (*oac_p_clang_parseTranslationUnit2)
#define clang_Cursor_Evaluate                  (*oac_p_clang_Cursor_Evaluate)
#define clang_Cursor_getArgument               (*oac_p_clang_Cursor_getArgument)
#define clang_Cursor_getNumArguments           (*oac_p_clang_Cursor_getNumArguments)
#define clang_EvalResult_dispose               (*oac_p_clang_EvalResult_dispose)
#define clang_EvalResult_getAsStr              (*oac_p_clang_EvalResult_getAsStr)
#define clang_EvalResult_getKind               (*oac_p_clang_EvalResult_getKind)
#define clang_Location_isFromMainFile          (*oac_p_clang_Location_isFromMainFile)
#define clang_equalCursors                     (*oac_p_clang_equalCursors)
#define clang_equalTypes                       (*oac_p_clang_equalTypes)
#define clang_getCursorReferenced              (*oac_p_clang_getCursorReferenced)
#define clang_getFile                          (*oac_p_clang_getFile)
#define clang_getNullCursor                    (*oac_p_clang_getNullCursor)
#define clang_hashCursor                       (*oac_p_clang_hashCursor)
#define clang_isExpression                     (*oac_p_clang_isExpression)
#define clang_visitChildren                    (*oac_p_clang_visitChildren)
#define clang_EvalResult_getAsLongLong         (*oac_p_clang_EvalResult_getAsLongLong)
#define clang_File_isEqual                     (*oac_p_clang_File_isEqual)
#define clang_Type_visitFields                 (*oac_p_clang_Type_visitFields)
#define clang_getSpellingLocation              (*oac_p_clang_getSpellingLocation)

/* Open libclang and find every function. Returns 0, or -1 after a
 * diagnostic naming the library and the Debian package (exit 3). Safe to
 * call from several threads and more than once. */
int clang_shim_load(void);

#endif
