/*
 * hdr_type.c - a clang type to struct hdr_type: arrays, pointers, the
 * typedef chain (spelled names are kept, because int32_t and list_t mean
 * more to a rule than int and struct list), and the base's width and
 * signedness as clang computes them for the target.
 */
#include "config.h"

#include "hdr_int.h"

#include <stdlib.h>
#include <string.h>

static const char *strip_qualifiers(const char *s)
{
	for (;;) {
		if (!strncmp(s, "const ", 6))
			s += 6;
		else if (!strncmp(s, "volatile ", 9))
			s += 9;
		else if (!strncmp(s, "restrict ", 9))
			s += 9;
		else
			return s;
	}
}

static void classify(struct walker *w, CXType t, struct hdr_type *ty)
{
	CXType c = clang_getCanonicalType(t);
	long long size = clang_Type_getSizeOf(c);
	ty->bits = size > 0 ? (unsigned)(size * 8) : 0;
	switch (c.kind) {
	case CXType_Void:
		ty->kind = HK_VOID;
		break;
	case CXType_Bool:
		ty->kind = HK_BOOL;
		break;
	case CXType_Char_S:
	case CXType_Char_U:
		ty->kind = HK_CHAR;
		ty->is_signed = c.kind == CXType_Char_S;
		break;
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Int128:
	case CXType_WChar:
		ty->kind = HK_INT;
		ty->is_signed = true;
		break;
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_UInt128:
	case CXType_Char16:
	case CXType_Char32:
		ty->kind = HK_INT;
		break;
	case CXType_Float:
	case CXType_Double:
	case CXType_LongDouble:
	case CXType_Float128:
	case CXType_Half:
	case CXType_Float16:
		ty->kind = HK_FLOAT;
		break;
	case CXType_Record:
		ty->kind = HK_RECORD;
		ty->record = hdr_record_get(w, clang_getTypeDeclaration(c));
		break;
	case CXType_Enum: {
		ty->kind = HK_ENUM;
		CXCursor d = clang_getTypeDeclaration(c);
		ty->enm = hdr_enum_get(w, d);
		ty->is_signed = ty->enm ? ty->enm->is_signed : true;
		break;
	}
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		ty->kind = HK_FUNCTION;
		break;
	default:
		ty->kind = HK_OTHER;
		break;
	}
	ty->is_const = clang_isConstQualifiedType(t);
	ty->canon = strip_qualifiers(walk_str(w, clang_getTypeSpelling(c)));
	if (!ty->base)
		ty->base = strip_qualifiers(walk_str(w, clang_getTypeSpelling(t)));
}

/* clang spells inline records like C++ ("struct x::(unnamed at f.h:3:2)");
 * say "struct {...} *[4]" instead. */
static void respell_inline(struct walker *w, struct hdr_type *ty)
{
	bool u = ty->record && ty->record->is_union;
	struct sbuf sb = {0};
	sbuf_puts(&sb, u ? "union {...}" : "struct {...}");
	if (ty->ptr)
		sbuf_putc(&sb, ' ');
	for (unsigned i = 0; i < ty->ptr; i++)
		sbuf_putc(&sb, '*');
	for (unsigned i = 0; i < ty->n_dims; i++)
		sbuf_printf(&sb, "[%lld]", ty->dims[i]);
	ty->spelling = arena_strndup(&w->h->arena, sb.buf, sb.len);
	ty->base = ty->canon = u ? "union {...}" : "struct {...}";
	sbuf_free(&sb);
}

void hdr_type_read(struct walker *w, CXType t, struct hdr_type *ty)
{
	memset(ty, 0, sizeof *ty);
	ty->spelling = walk_str(w, clang_getTypeSpelling(t));
	for (int guard = 0; guard < 256; guard++) {
		if (t.kind == CXType_Elaborated) {
			t = clang_Type_getNamedType(t);
		} else if (t.kind == CXType_Attributed) {
			t = clang_Type_getModifiedType(t);
		} else if (t.kind == CXType_Atomic) {
			t = clang_Type_getValueType(t); /* _Atomic(int) holds an int */
		} else if (t.kind == CXType_Typedef) {
			const char *name = walk_str(w, clang_getTypedefName(t));
			if (ty->n_chain < HDR_MAX_CHAIN)
				ty->chain[ty->n_chain++] = name;
			if (!ty->base)
				ty->base = name;
			t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
		} else if (t.kind == CXType_Pointer) {
			CXType pointee = clang_getCanonicalType(clang_getPointeeType(t));
			if (pointee.kind == CXType_FunctionProto ||
			    pointee.kind == CXType_FunctionNoProto) {
				ty->kind = HK_FUNCTION;
				ty->base = ty->canon = "function pointer";
				return;
			}
			ty->ptr++;
			ty->base = NULL;
			t = clang_getPointeeType(t);
		} else if ((t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) &&
		           ty->ptr == 0 && ty->n_dims < HDR_MAX_DIMS) {
			ty->dims[ty->n_dims++] =
			        t.kind == CXType_ConstantArray ? clang_getArraySize(t) : -1;
			ty->base = NULL;
			t = clang_getArrayElementType(t);
		} else {
			break;
		}
	}
	classify(w, t, ty);
	if (strstr(ty->spelling, "(unnamed") || strstr(ty->spelling, "(anonymous"))
		respell_inline(w, ty);
}
