// Shared by the ITs that build a user's new project from the README (evaluate()d by their
// prebuild.groovy): the README's snippets, and a stand-in for Maven Central.
//
// The stand-in is the user's local repository without dev/faultlock (a tree of symbolic links), so
// the IT's build can get faultlock's artifacts only from its own local repository, which holds
// what the invoker installed there from this build: the artifacts the README's set-up command
// (`mvn install` in the clone) installs. A snippet naming an artifact or version that the set-up
// does not install fails the IT, whatever the user's ~/.m2 happens to hold.
import java.nio.file.Files

/** The body of the first fenced block of `lang` after `heading`, and after `after` if given. */
String snippet(String readme, String heading, String lang, String after = null) {
  int from = readme.indexOf(heading)
  assert from >= 0 : "README.md has no section '${heading}'"
  if (after != null) {
    from = readme.indexOf(after, from)
    assert from >= 0 : "README.md's section '${heading}' no longer says '${after}'"
  }
  def block = readme.substring(from) =~ /(?s)\n```${lang}\n(.*?)\n```/
  assert block.find() : "no ```${lang} block in README.md after '${after ?: heading}'"
  block.group(1)
}

/**
 * The local repository of the build running the ITs: the one the invoker plugin itself was
 * loaded from (<repository>/org/apache/maven/plugins/maven-invoker-plugin/<version>/<jar>).
 */
File userRepository() {
  def jar = new File(Class.forName('org.apache.maven.plugins.invoker.InvokerMojo')
      .protectionDomain.codeSource.location.toURI())
  def repository = jar.parentFile.parentFile.parentFile.parentFile.parentFile.parentFile.parentFile
  assert new File(repository, 'org/apache/maven/plugins/maven-invoker-plugin').isDirectory() : "not a repository: ${repository}"
  repository
}

File centralStandIn(File userRepository, File target) {
  if (target.isDirectory()) return target
  def links = { File from, File to, Set<String> except ->
    to.mkdirs()
    from.eachFile { f ->
      if (!(f.name in except)) Files.createSymbolicLink(new File(to, f.name).toPath(), f.toPath())
    }
  }
  links(userRepository, target, ['dev'] as Set)
  if (new File(userRepository, 'dev').isDirectory()) {
    links(new File(userRepository, 'dev'), new File(target, 'dev'), ['faultlock'] as Set)
  }
  target
}

/**
 * Settings that resolve from the stand-in first, and from Maven Central only what the user's
 * repository lacks (as the other ITs do, so they run offline once it has everything).
 */
void writeSettings(File file, File standIn) {
  def repositories = { String kind ->
    ['central': standIn.toURI().toString(), 'maven-central': 'https://repo.maven.apache.org/maven2'].collect { id, url ->
      """<${kind}><id>${id}</id><url>${url}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots></${kind}>"""
    }.join('\n        ')
  }
  file.text = """<settings>
  <profiles>
    <profile>
      <id>central-stand-in</id>
      <repositories>
        ${repositories('repository')}
      </repositories>
      <pluginRepositories>
        ${repositories('pluginRepository')}
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>central-stand-in</activeProfile></activeProfiles>
</settings>
"""
}

this
