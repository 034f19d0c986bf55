// The project as a user makes it from the README: the Error Prone snippet pasted into the pom,
// verbatim, and the README's .mvn/jvm.config next to it.
def fresh = evaluate(new File(basedir, '../../../src/it/fresh-repo.groovy'))
def readme = new File(basedir, '../../../../README.md').text
def section = '## Compile time (Error Prone)'

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('<!-- README: Error Prone snippet -->', fresh.snippet(readme, section, 'xml'))
def jvmConfig = new File(basedir, '.mvn/jvm.config')
jvmConfig.parentFile.mkdirs()
jvmConfig.text = fresh.snippet(readme, section, '', 'and `.mvn/jvm.config` next to it') + '\n'

def standIn = fresh.centralStandIn(fresh.userRepository(), new File(basedir, '../../central-stand-in').canonicalFile)
fresh.writeSettings(new File(basedir, 'fresh-settings.xml'), standIn)
return true
