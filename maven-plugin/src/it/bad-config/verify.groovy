def log = new File(basedir, 'build.log').text

def failed = { String message ->
  assert log =~ /(?m)^\[ERROR\] Failed to execute goal dev\.faultlock:faultlock-maven-plugin:\S+:check \(default-cli\) on project bad-config: \Q${message}\E/ :
      "no failure saying: ${message}"
}
failed "faultlock: formats (faultlock.formats): unknown report format 'pdf'"
failed "faultlock: failOn (faultlock.failOn): unknown level 'sometimes' (expected one of error, warning, never)"
failed "faultlock: baseline (faultlock.baseline): ${new File(basedir, 'no-such-baseline.json')} does not exist"
failed "faultlock: baseline (faultlock.baseline): cannot read ${new File(basedir, 'broken-baseline.json')}: not a faultlock baseline: line 4: "
failed "faultlock: excludes (faultlock.excludes): 'demo/{Broken' is not a glob: "
failed "faultlock: source root ${new File(basedir, 'src/mian/java')} does not exist"
failed "faultlock: encoding (faultlock.encoding, project.build.sourceEncoding): unknown encoding 'latin-9000'"
failed "faultlock: ${new File(basedir, 'broken-faultlock.json')}:3: rules: unknown rule 'UnsortedSameClassLock' (expected one of "

// Eight failures, each a message: no stack trace, nothing analysed.
assert (log =~ /BUILD FAILURE/).size() == 8
assert !(log =~ /(?m)^\s+at [a-z]+\.[\w.$]+\(/) : 'a stack trace in the log'
assert !log.contains('faultlock: analysing')
true
