package dev.faultlock.source;

import java.util.List;

/**
 * What one file declares, before it is linked to the rest of the program: its package and
 * imports, the annotations on its package declaration, and its types (with their fields and
 * methods, anonymous and local classes included) in declaration order.
 *
 * @param parsed whether the types carry their syntax trees; declarations read back from the
 *     cache do not, and their methods' facts are read back with them
 */
public record FileDeclarations(
    FileContext file, Annotations packageAnnotations, List<TypeInfo> types, boolean parsed) {}
