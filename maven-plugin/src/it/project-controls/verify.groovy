def log = new File(basedir, 'build.log').text
// One chunk per build: each starts by scanning for projects.
def steps = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert steps.size() >= 3 : "expected three builds in build.log, found ${steps.size()}"
def source = new File(basedir, 'src/main/java/demo/MappedFile.java')
def lines = source.getText('ISO-8859-1').readLines()
def copyLine = lines.findIndexOf { it.contains('dst.write(data, len);') } + 1
def accentLine = lines.findIndexOf { it.contains('mapp\u00e9') } + 1

// Step 1: javac and faultlock both read the Latin-1 file; only its finding is reported.
def one = steps[0]
assert one =~ /(?m)^\[ERROR\] \S+\/src\/main\/java\/demo\/MappedFile\.java:${copyLine}: \[FaultUnderLock\] /
assert !one.contains('not UTF-8') : 'the Latin-1 file was not read in its encoding'
assert !one.contains('Old.java') : 'the excluded legacy/ package was analysed'
assert !one.contains('UnsortedSameClassLocks') : 'the rule turned off in faultlock.json reported'
assert one.contains('faultlock: analysing 3 source files')
assert one =~ /faultlock: 1 error, 0 warnings in project-controls \(failOn=warning\); report: /

// Step 2: <rules> made the finding a warning; -Dfaultlock.failOn=error let the build pass.
def two = steps[1]
assert two =~ /(?m)^\[WARNING\] \S+\/MappedFile\.java:${copyLine}: \[FaultUnderLock\] /
assert two =~ /faultlock: 0 errors, 1 warning in project-controls; report: /

// Step 3: an explicit encoding beats the pom's; the undecodable byte is named at its line.
def three = steps[2]
assert three =~ /(?m)^\[WARNING\] \S+\/MappedFile\.java:${accentLine}: not UTF-8 text \(byte 0xE9\); file skipped/
assert three =~ /faultlock: 0 errors, 0 warnings in project-controls; report: /

assert !(log =~ /\tat dev\.faultlock\./) : 'a stack trace in the log'
true
