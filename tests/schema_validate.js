// tests/schema_validate.js - validate JSON documents against a JSON Schema
// with ajv (draft-04 schemas through ajv-draft-04, as the SARIF 2.1.0
// schema is; draft-07 through ajv itself), formats checked by ajv-formats.
// The modules come from NODE_PATH: tests/sarif_validate.sh installs them
// from the npm registry into a cache directory. A file that is not JSON
// is invalid; the others are still checked.
// unicodeRegExp is off: the SARIF schema's language pattern is not a
// valid regular expression in unicode mode.
// Usage: node schema_validate.js SCHEMA FILE...   exit 0 valid, 1 invalid
'use strict';
const fs = require('fs');
const addFormats = require('ajv-formats');

function validator(schema) {
	const draft04 = /draft-04/.test(schema.$schema || '');
	const Ajv = draft04 ? require('ajv-draft-04') : require('ajv');
	const ajv = new (Ajv.default || Ajv)({allErrors: true, strict: false, unicodeRegExp: false});
	(addFormats.default || addFormats)(ajv);
	return ajv.compile(schema);
}

const [schemaFile, ...files] = process.argv.slice(2);
const validate = validator(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
let bad = 0;
for (const f of files) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(f, 'utf8'));
	} catch (e) {
		bad++;
		console.log(`INVALID: ${f}\n  not JSON: ${e.message}`);
		continue;
	}
	if (validate(doc)) {
		console.log(`valid: ${f}`);
		continue;
	}
	bad++;
	console.log(`INVALID: ${f}`);
	for (const e of validate.errors)
		console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(bad ? 1 : 0);
