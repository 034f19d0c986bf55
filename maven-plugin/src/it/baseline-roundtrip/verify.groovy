import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// Step 1 wrote one entry, for the known bug, with a location relative to the module.
def baseline = new JsonSlurper().parse(new File(basedir, 'faultlock-baseline.json'))
assert baseline.format == 'faultlock-baseline'
assert baseline.findings.size() == 1
assert baseline.findings[0].rule == 'FaultUnderLock'
assert baseline.findings[0].location ==~ /src\/main\/java\/demo\/MappedFile\.java:\d+/
assert baseline.findings[0].fingerprint
assert log.contains('faultlock: baselined 1 finding in ')

// Step 2 passed on the baseline.
assert log =~ /faultlock: 1 finding accepted by the baseline \S+faultlock-baseline\.json/
assert log =~ /faultlock: 0 errors, 0 warnings \(1 baselined\) in baseline-roundtrip; report: /

// Step 3 failed on the new bug alone.
def extra = log =~ /(?m)^\[ERROR\] \S+\/src\/main\/java\/demo\/Extra\.java:\d+: \[FaultUnderLock\] /
assert extra.find() : 'the new bug was not reported'
assert !(log =~ /(?m)^\[ERROR\] \S+\/MappedFile\.java:\d+: \[/) : 'the baselined bug was reported'
assert log =~ /faultlock: 1 error, 0 warnings \(1 baselined\) in baseline-roundtrip \(failOn=error\); report: /

// Step 4: the entry of the fixed bug is stale.
assert log.contains('faultlock: 1 baseline entry matches no finding any more (fixed?)')
assert log =~ /(?m)^\[WARNING\]     src\/main\/java\/demo\/MappedFile\.java:\d+: \[FaultUnderLock\] stale$/
assert log =~ /faultlock: 0 errors, 0 warnings \(0 baselined\) in baseline-roundtrip; report: /
true
